package io.insightledger.standalone;

import io.insightledger.command.CommandSideApplication;
import io.insightledger.infrastructure.Infrastructure;
import io.insightledger.query.QuerySideApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Both applications in one JVM, wired to one PostgreSQL (a database each) and one Kafka broker. The standalone run
 * and the end-to-end tests both start the system through here, so they exercise the same wiring.
 */
public final class LedgerSystem implements AutoCloseable {

    public static final String EVENT_STORE_DATABASE = "insight_events";
    public static final String PROJECTION_DATABASE = "insight_projections";

    /**
     * @param address   where both HTTP servers listen
     * @param demoUser  the one user of this system, with roles USER and ADMIN
     */
    public record Settings(String address, int commandPort, int queryPort, String demoUser, String demoPassword) {
    }

    private final Infrastructure infrastructure;
    private final Settings settings;
    private final String passwordHash;
    private ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;

    private LedgerSystem(Infrastructure infrastructure, Settings settings) {
        this.infrastructure = infrastructure;
        this.settings = settings;
        this.passwordHash = "{bcrypt}" + new BCryptPasswordEncoder().encode(settings.demoPassword());
    }

    /** Starts the command side, then the query side. */
    public static LedgerSystem start(Infrastructure infrastructure, Settings settings) {
        LedgerSystem system = new LedgerSystem(infrastructure, settings);
        system.startCommandSide();
        system.startQuerySide();
        return system;
    }

    public void startCommandSide() {
        List<String> args = common();
        args.add("--spring.datasource.url=" + infrastructure.jdbcUrl(EVENT_STORE_DATABASE));
        args.add("--server.port=" + settings.commandPort());
        args.add("--insight.links.query-side-url=" + queryUrl());
        commandSide = CommandSideApplication.builder().run(args.toArray(String[]::new));
    }

    public void startQuerySide() {
        querySide = QuerySideApplication.builder().run(querySideArguments().toArray(String[]::new));
    }

    /** What the query side is started with: also for running it in a process of its own. */
    public List<String> querySideArguments() {
        List<String> args = common();
        args.add("--spring.datasource.url=" + infrastructure.jdbcUrl(PROJECTION_DATABASE));
        args.add("--server.port=" + settings.queryPort());
        return args;
    }

    /** Stops the query side as a crash would leave it: whatever it had not committed is not there. */
    public void stopQuerySide() {
        querySide.close();
        querySide = null;
    }

    public void stopCommandSide() {
        commandSide.close();
        commandSide = null;
    }

    public String commandUrl() {
        return "http://" + settings.address() + ":" + settings.commandPort();
    }

    public String queryUrl() {
        return "http://" + settings.address() + ":" + settings.queryPort();
    }

    public ConfigurableApplicationContext commandSide() {
        return commandSide;
    }

    public ConfigurableApplicationContext querySide() {
        return querySide;
    }

    private List<String> common() {
        List<String> args = new ArrayList<>();
        args.add("--spring.main.banner-mode=off");
        // both applications share one logging system here: a name on each line would be the wrong one half the time
        args.add("--logging.include-application-name=false");
        args.add("--server.address=" + settings.address());
        args.add("--spring.datasource.username=" + infrastructure.username());
        args.add("--spring.datasource.password=" + infrastructure.password());
        args.add("--axon.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers());
        args.add("--insight.security.users[0].name=" + settings.demoUser());
        args.add("--insight.security.users[0].password=" + passwordHash);
        args.add("--insight.security.users[0].roles=USER,ADMIN");
        return args;
    }

    @Override
    public void close() {
        if (querySide != null) {
            stopQuerySide();
        }
        if (commandSide != null) {
            stopCommandSide();
        }
    }
}
