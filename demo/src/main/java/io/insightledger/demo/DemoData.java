package io.insightledger.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code java -cp ... io.insightledger.demo.DemoData --token=il_... [--url=http://127.0.0.1:8080] [--seed=42]
 * [--scale=1] [--clients=8]}: fills a running Insight Ledger with a believable history, as imported history, so the
 * token must be an ADMIN's ({@code INSIGHT_DEMO_TOKEN} when {@code --token} is not given). The same seed gives the
 * same history, and running it again changes nothing. Scale 1 is about 1,500 events; 700 is about a million. The
 * history spans three teams' workspaces (payments, identity, platform), which it creates first, with the token's user
 * an ADMIN member of each.
 */
public final class DemoData {

    private DemoData() {
    }

    public static void main(String[] args) {
        String url = option(args, "url", "http://127.0.0.1:8080");
        DemoPlan plan = DemoPlan.of(Long.parseLong(option(args, "seed", "42")),
                Double.parseDouble(option(args, "scale", "1")), today());
        System.err.printf("Sending %d requests to %s%n", plan.size(), url);
        String token = option(args, "token", System.getenv("INSIGHT_DEMO_TOKEN"));
        if (token == null) {
            System.err.println("Give an ADMIN's API token: --token=il_... (the standalone run prints its demo token)");
            System.exit(2);
        }
        DemoDataGenerator.Summary summary = new DemoDataGenerator(url, token,
                Integer.parseInt(option(args, "clients", "8")), System.err).run(plan);
        System.err.printf("%d requests in %d ms, %d failed %s%n", summary.requests(), summary.took().toMillis(),
                summary.failures(), summary.failuresByStatus());
        if (summary.failures() > 0) {
            System.exit(1);
        }
    }

    /** The history ends today (UTC), so its meetings are never in the future. */
    public static Instant today() {
        return LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
