package io.insightledger.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A believable history as a list of command requests, the same for the same seed: organisations across segments,
 * meetings over 18 months with observations, and hypotheses with evidence, decisions, reversals and pivots. Ids are
 * derived from the seed, so running a plan twice creates everything once (the API's creates are idempotent).
 * <p>
 * Three teams keep their history apart, each in its own workspace ({@link #WORKSPACES}): the plan first creates them
 * through the admin API and makes the user who runs it an ADMIN member of each ({@link #ME} in a path stands for that
 * user), then spreads the meetings and hypotheses over them. A hypothesis cites only meetings of its own workspace,
 * except one: a meeting of {@code identity} is shared with {@code payments}, and a {@code payments} hypothesis cites it.
 * <p>
 * Every request says when it happened, within the 18 months, and is sent in import mode with that time: decisions
 * then fall on the weeks they were taken and time to decision is days, not seconds. Each aggregate's requests are in
 * the order they happened.
 */
public final class DemoPlan {

    /**
     * One HTTP request to the command API.
     *
     * @param happenedAt when it happened: sent as the import mode's effective time
     */
    public record Request(String method, String path, Map<String, Object> body, Instant happenedAt) {
    }

    /**
     * Requests that must run in order (one meeting and its observations; one hypothesis's story). Chains of a phase
     * may run in parallel; a phase starts when the one before it is done.
     */
    public record Phase(String name, List<List<Request>> chains) {

        public int size() {
            return chains.stream().mapToInt(List::size).sum();
        }
    }

    /** In a path, the name of the user who runs the plan: the generator asks GET /api/me for it. */
    public static final String ME = "{me}";

    /** The teams' workspaces: id, name, description; each with the topics it works on. */
    public static final List<String> WORKSPACES = List.of("payments", "identity", "platform");
    private static final Map<String, String[]> WORKSPACE_TEXT = Map.of(
            "payments", new String[]{"Payments", "Billing, cost reports and what customers pay for"},
            "identity", new String[]{"Identity", "Sign-on, keys, secrets and who may do what"},
            "platform", new String[]{"Platform", "Audit, residency, backups and running the service"});
    private static final Map<String, String[]> WORKSPACE_TOPICS = Map.of(
            "payments", new String[]{"billing", "cost reports", "exports", "API limits", "offline mode"},
            "identity", new String[]{"single sign-on", "key rotation", "access reviews", "secrets in CI", "mobile access"},
            "platform", new String[]{"audit logs", "data residency", "backups", "incident alerts", "onboarding"});
    /** The meeting shared across teams: recorded by this workspace, shared with the other, cited there. */
    private static final String SHARED_FROM = "identity";
    private static final String SHARED_WITH = "payments";

    private static final String[] SEGMENTS = {"bank", "public sector", "retail", "startup", "hobbyist"};
    private static final String[] NAMES = {"Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Hooli",
            "Vandelay", "Wonka", "Tyrell", "Soylent", "Aperture", "Gringotts", "Oceanic", "Pied Piper", "Monarch",
            "Stark", "Wayne", "Umbrella", "Cyberdyne", "Massive Dynamic", "Bluth", "Dunder", "Prestige", "Sterling",
            "Wernham", "Kruger", "Ollivander", "Zorg", "Virtucon", "Nakatomi"};
    private static final Map<String, String[]> SUFFIXES = Map.of(
            "bank", new String[]{"Bank", "Savings", "Credit Union", "Capital"},
            "public sector", new String[]{"City Council", "Ministry", "Agency", "Health Board"},
            "retail", new String[]{"Stores", "Market", "Outfitters", "Grocers"},
            "startup", new String[]{"Labs", "AI", "Cloud", "Robotics"},
            "hobbyist", new String[]{"Makers Club", "Home Lab", "Radio Society", "Collective"});
    private static final Map<String, String[]> ROLES = Map.of(
            "bank", new String[]{"CISO", "Security engineer", "Platform lead", "Compliance officer"},
            "public sector", new String[]{"IT director", "Procurement lead", "Systems engineer", "Data protection officer"},
            "retail", new String[]{"CTO", "E-commerce lead", "Store systems engineer", "Head of operations"},
            "startup", new String[]{"Founder", "CTO", "Backend engineer", "DevOps engineer"},
            "hobbyist", new String[]{"Maintainer", "Member", "Organiser", "Tinkerer"});
    private static final String[] CHANNELS = {"IN_PERSON", "VIDEO", "PHONE", "EVENT"};
    private static final String[] KINDS = {"QUOTE", "PAIN_POINT", "REQUEST", "OBSERVATION"};
    private static final String[] TOPICS = {"key rotation", "audit logs", "single sign-on", "data residency",
            "cost reports", "onboarding", "backups", "access reviews", "incident alerts", "API limits",
            "secrets in CI", "billing", "offline mode", "mobile access", "exports"};
    private static final String[] SAYINGS = {
            "We do %s by hand every quarter and it hurts.",
            "If %s were automatic we would buy tomorrow.",
            "Honestly, %s is not on our radar this year.",
            "Our auditors keep asking about %s.",
            "We built our own scripts for %s; they break all the time.",
            "%s matters, but price matters more.",
            "Nobody here owns %s, so it never happens.",
            "We switched vendors last year because of %s."};
    private static final String[] CATEGORIES = {"DESIRABILITY", "VIABILITY", "FEASIBILITY", "USABILITY"};
    private static final String[] OWNERS = {"demo", "pat", "sam", "alex", "kim"};
    private static final Duration HISTORY = Duration.ofDays(548);

    private final Phase workspaces;
    private final List<Phase> phases;

    private DemoPlan(Phase workspaces, List<Phase> phases) {
        this.workspaces = workspaces;
        this.phases = phases;
    }

    /**
     * @param scale 1 makes about 40 organisations, 300 meetings and 60 hypotheses (roughly 1,500 events)
     * @param end   the most recent meeting is on this day; the history reaches 18 months back from it
     */
    public static DemoPlan of(long seed, double scale, Instant end) {
        Random random = new Random(seed);
        String prefix = "demo" + Long.toString(seed, 36);
        int organizations = Math.max(3, (int) Math.round(40 * scale));
        int meetings = Math.max(5, (int) Math.round(300 * scale));
        int hypotheses = Math.max(3, (int) Math.round(60 * scale));

        List<String[]> orgs = new ArrayList<>();
        for (int i = 0; i < organizations; i++) {
            String segment = SEGMENTS[i % SEGMENTS.length];
            String name = NAMES[i % NAMES.length] + " " + pick(random, SUFFIXES.get(segment))
                    + (i >= NAMES.length ? " " + (i / NAMES.length + 1) : "");
            orgs.add(new String[]{name, segment});
        }

        Instant start = end.minus(HISTORY);
        // the teams' workspaces, the day before the history starts; creating one that exists is done already (409)
        Instant founded = start.minus(Duration.ofDays(1));
        List<Request> setup = new ArrayList<>();
        for (String workspace : WORKSPACES) {
            String[] text = WORKSPACE_TEXT.get(workspace);
            setup.add(new Request("POST", "/api/admin/workspaces",
                    body("id", workspace, "name", text[0], "description", text[1]), founded));
            setup.add(new Request("PUT", "/api/admin/workspaces/" + workspace + "/members/" + ME,
                    body("role", "ADMIN"), founded));
        }

        List<List<Request>> meetingChains = new ArrayList<>();
        List<String> meetingWorkspaces = new ArrayList<>();
        int shared = -1;
        List<String[]> observationsByMeeting = new ArrayList<>();
        List<Instant> meetingTimes = new ArrayList<>();
        for (int i = 0; i < meetings; i++) {
            String[] org = orgs.get(random.nextInt(orgs.size()));
            String id = prefix + "-m" + i;
            String workspace = WORKSPACES.get(i % WORKSPACES.size());
            String topic = pick(random, WORKSPACE_TOPICS.get(workspace));
            Instant when = start.plusSeconds((long) (HISTORY.toSeconds() * ((double) i / meetings)))
                    .plus(Duration.ofMinutes(random.nextInt(600)));
            // written up an hour after the meeting
            Instant recorded = earliest(when.plus(Duration.ofHours(1)), end);
            String role = pick(random, ROLES.get(org[1]));
            List<Request> chain = new ArrayList<>();
            chain.add(new Request("POST", "/api/meetings", body(
                    "id", id, "title", capitalise(topic) + " with " + org[0], "occurredAt", when.toString(),
                    "organization", org[0], "segment", org[1], "channel", pick(random, CHANNELS),
                    "attendees", List.of(
                            body("name", "Customer " + (1 + random.nextInt(9)), "role", role, "side", "CUSTOMER"),
                            body("name", capitalise(pick(random, OWNERS)), "role", "Product manager", "side", "TEAM")),
                    "notes", "Talked about " + topic + ".", "tags", List.of(topic.replace(' ', '-')),
                    "workspace", workspace), recorded));
            int observations = 1 + random.nextInt(4);
            String[] observationIds = new String[observations];
            for (int o = 0; o < observations; o++) {
                observationIds[o] = "o" + o;
                chain.add(new Request("POST", "/api/meetings/" + id + "/observations", body(
                        "id", observationIds[o], "text", pick(random, SAYINGS).formatted(pick(random, TOPICS)),
                        "kind", pick(random, KINDS), "speakerRole", role, "tags", List.of()),
                        earliest(recorded.plus(Duration.ofMinutes(o + 1)), end)));
            }
            if (shared < 0 && workspace.equals(SHARED_FROM)) {
                // the other team heard of it: it reads it, and cites it below
                shared = i;
                chain.add(new Request("POST", "/api/meetings/" + id + "/shares", body("workspace", SHARED_WITH),
                        earliest(recorded.plus(Duration.ofMinutes(10)), end)));
            }
            meetingChains.add(chain);
            meetingWorkspaces.add(workspace);
            observationsByMeeting.add(observationIds);
            meetingTimes.add(when);
        }

        List<List<Request>> proposals = new ArrayList<>();
        List<List<Request>> stories = new ArrayList<>();
        boolean cited = false;
        for (int h = 0; h < hypotheses; h++) {
            String id = prefix + "-h" + h;
            String workspace = WORKSPACES.get(h % WORKSPACES.size());
            String[] topics = WORKSPACE_TOPICS.get(workspace);
            String topic = topics[(h / WORKSPACES.size()) % topics.length];
            String segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
            // proposed over the first 15 months, so the later ones still gather evidence
            Instant proposed = start.plusSeconds((long) (HISTORY.toSeconds() * 0.85 * h / hypotheses))
                    .plus(Duration.ofHours(random.nextInt(48)));
            Map<String, Object> proposal = hypothesis(id, topic, segment, random);
            proposal.put("workspace", workspace);
            proposals.add(List.of(new Request("POST", "/api/hypotheses", proposal, proposed)));
            List<Integer> own = new ArrayList<>();
            for (int m = 0; m < meetings; m++) {
                if (meetingWorkspaces.get(m).equals(workspace)) {
                    own.add(m);
                }
            }
            // the first hypothesis of the team the meeting is shared with cites it, first thing
            int citing = !cited && shared >= 0 && workspace.equals(SHARED_WITH) ? shared : -1;
            cited |= citing >= 0;
            stories.add(new Story(id, random, proposed, end)
                    .told(topic, prefix, own, citing, observationsByMeeting, meetingTimes));
        }
        return new DemoPlan(new Phase("workspaces", List.of(setup)), List.of(new Phase("meetings", meetingChains),
                new Phase("hypotheses", proposals), new Phase("evidence and decisions", stories)));
    }

    /** One hypothesis's history, in the order it happened: each step a while after the one before. */
    private static final class Story {

        private final String id;
        private final Random random;
        private final Instant end;
        private final List<Request> chain = new ArrayList<>();
        private Instant now;

        Story(String id, Random random, Instant proposed, Instant end) {
            this.id = id;
            this.random = random;
            this.now = proposed;
            this.end = end;
        }

        /**
         * Evidence, then perhaps a decision, a reversal or a pivot: the hypothesis's "truth" tilts the evidence. It
         * cites meetings of its own workspace (by index), and first the shared one, if given (not -1).
         */
        List<Request> told(String topic, String prefix, List<Integer> own, int shared,
                           List<String[]> observationsByMeeting, List<Instant> meetingTimes) {
            boolean holds = random.nextDouble() < 0.55;
            int pieces = Math.min(own.size(), 2 + random.nextInt(7));
            List<String> supporting = new ArrayList<>();
            List<String> contradicting = new ArrayList<>();
            // distinct meetings, so no meeting-and-observation is linked twice
            List<Integer> cited = new ArrayList<>();
            while (cited.size() < pieces) {
                int candidate = own.get(random.nextInt(own.size()));
                if (!cited.contains(candidate)) {
                    cited.add(candidate);
                }
            }
            cited.sort(null);
            if (shared >= 0) {
                cited.add(0, shared);
                pieces++;
            }
            for (int e = 0; e < pieces; e++) {
                int meeting = cited.get(e);
                String[] observations = observationsByMeeting.get(meeting);
                boolean supports = random.nextDouble() < (holds ? 0.8 : 0.25);
                String evidenceId = "e" + e;
                // linked after the meeting, or while reading older notes right after the proposal
                Instant linked = latest(meetingTimes.get(meeting).plus(Duration.ofHours(2)), later(0, 1));
                add("/evidence", body(
                        "id", evidenceId, "meetingId", prefix + "-m" + meeting,
                        "observationId", observations[random.nextInt(observations.length)],
                        "direction", supports ? "SUPPORTS" : "CONTRADICTS",
                        "strength", new String[]{"WEAK", "MODERATE", "STRONG"}[random.nextInt(3)],
                        "note", supports ? "Backs the idea" : "Argues against it"), linked);
                (supports ? supporting : contradicting).add(evidenceId);
            }
            double fate = random.nextDouble();
            if (fate < 0.45) {
                boolean validated = supporting.size() >= contradicting.size();
                List<String> basis = validated ? supporting : contradicting;
                decide("d1", validated ? "VALIDATED" : "INVALIDATED", basis, 3, 40);
                if (fate < 0.12) {
                    add("/reopening", body("reason", "A later conversation about " + topic + " changed the picture"),
                            later(10, 60));
                    // reversed when the other side has evidence; otherwise set aside
                    List<String> otherSide = validated ? contradicting : supporting;
                    decide("d2", otherSide.isEmpty() ? "PARKED" : validated ? "INVALIDATED" : "VALIDATED", otherSide,
                            5, 30);
                }
            } else if (fate < 0.55) {
                decide("d1", "PARKED", List.of(), 1, 20);
            } else if (fate < 0.65) {
                add("/pivot", body(
                        "rationale", "Customers want something next to " + topic + ", not " + topic + " itself",
                        "successor", hypothesis(id + "-next", topic + " as a managed service", "startup", random)),
                        later(5, 45));
            }
            return chain;
        }

        private void decide(String decisionId, String outcome, List<String> evidence, int fromDays, int toDays) {
            add("/decisions", body(
                    "id", decisionId, "outcome", outcome,
                    "rationale", outcome.equals("PARKED") ? "Not this quarter" : "The evidence says " + outcome.toLowerCase(),
                    "evidenceIds", evidence), later(fromDays, toDays));
        }

        private Instant later(int fromDays, int toDays) {
            Duration wait = Duration.ofHours(24L * fromDays + random.nextInt(24 * (toDays - fromDays)));
            return now.equals(Instant.MAX) ? now : now.plus(wait);
        }

        /**
         * Never before the step before it. A step that would happen after the end of the history has not happened
         * yet, and neither has anything after it: recent hypotheses are still open.
         */
        private void add(String action, Map<String, Object> body, Instant happenedAt) {
            Instant when = latest(now, happenedAt);
            if (when.isAfter(end)) {
                now = Instant.MAX;
                return;
            }
            now = when;
            chain.add(new Request("POST", "/api/hypotheses/" + id + action, body, now));
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Map<String, Object> hypothesis(String id, String topic, String segment, Random random) {
        return body("id", id, "title", capitalise(topic) + " sells itself to " + segment + " customers",
                "statement", "We believe that " + segment + " teams will pay for " + topic + " that needs no scripts",
                "category", pick(random, CATEGORIES),
                "successCriteria", "We are right if " + (3 + random.nextInt(5)) + " of 10 " + segment
                        + " customers ask for it unprompted",
                "owner", pick(random, OWNERS), "tags", List.of(topic.replace(' ', '-')),
                "segments", List.of(segment));
    }

    /** Creates the teams' workspaces and makes the user who runs the plan an ADMIN member of each: runs first. */
    public Phase workspaces() {
        return workspaces;
    }

    /** The history: meetings, then hypotheses, then their evidence and decisions. */
    public List<Phase> phases() {
        return phases;
    }

    /** Every phase in the order it runs: the workspaces, then the history. */
    public List<Phase> allPhases() {
        List<Phase> all = new ArrayList<>();
        all.add(workspaces);
        all.addAll(phases);
        return List.copyOf(all);
    }

    public int size() {
        return allPhases().stream().mapToInt(Phase::size).sum();
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
