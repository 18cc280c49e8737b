package io.insightledger.standalone;

import io.insightledger.command.CommandSideApplication;
import io.insightledger.infrastructure.Infrastructure;
import io.insightledger.query.QuerySideApplication;
import io.insightledger.web.WebApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The command side, the query side and the web application in one JVM, wired to one PostgreSQL (a database for each
 * side) and one Kafka broker. The standalone run and the end-to-end tests both start the system through here, so they
 * exercise the same wiring.
 */
public final class LedgerSystem implements AutoCloseable {

    public static final String EVENT_STORE_DATABASE = "insight_events";
    public static final String PROJECTION_DATABASE = "insight_projections";
    public static final String IDENTITY_DATABASE = "insight_identity";
    /** The event topic, as both sides name it unless told otherwise ({@code INSIGHT_KAFKA_TOPIC}). */
    public static final String TOPIC = "insight-ledger.events";
    /** The key store: the keys that seal personal data, apart from the events they seal (docs/privacy.md). */
    public static final String KEYS_DATABASE = "insight_keys";
    /** The master key of runs that name none (in-process tests): one per JVM, so a restart in it reads its keys. */
    private static final String MASTER_KEY_OF_THIS_JVM = MasterKeys.random();

    /**
     * @param address   where the HTTP servers listen
     * @param demoUser  the first ADMIN, created with {@code demoPassword} while the installation has no ADMIN
     * @param demoToken an API token of {@code demoUser}, registered once (scripts and the demo generator use it)
     */
    public record Settings(String address, int commandPort, int queryPort, int webPort, String demoUser,
                           String demoPassword, String demoToken, Oidc oidc, String masterKey) {

        /**
         * Without single sign-on of its own (the {@code INSIGHT_OIDC_*} variables still apply), and with this JVM's
         * master key.
         */
        public Settings(String address, int commandPort, int queryPort, int webPort, String demoUser,
                        String demoPassword, String demoToken) {
            this(address, commandPort, queryPort, webPort, demoUser, demoPassword, demoToken, null,
                    MASTER_KEY_OF_THIS_JVM);
        }

        public Settings withOidc(Oidc oidc) {
            return new Settings(address, commandPort, queryPort, webPort, demoUser, demoPassword, demoToken, oidc,
                    masterKey);
        }

        /** @param masterKey base64 of the 32 bytes that wrap the key store's keys */
        public Settings withMasterKey(String masterKey) {
            return new Settings(address, commandPort, queryPort, webPort, demoUser, demoPassword, demoToken, oidc,
                    masterKey);
        }
    }

    /**
     * A company identity provider: the APIs accept its JWT access tokens, the web app signs people in through it.
     *
     * @param rolesClaim   the claim naming the role; null: the product's own users say
     * @param clientId     the web app's registration at the identity provider
     */
    public record Oidc(String issuerUri, String rolesClaim, String clientId, String clientSecret) {
    }

    private final Infrastructure infrastructure;
    private final Settings settings;
    private ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;
    private ConfigurableApplicationContext web;

    private LedgerSystem(Infrastructure infrastructure, Settings settings) {
        this.infrastructure = infrastructure;
        this.settings = settings;
    }

    /** Starts the command side, then the query side, then the web application in front of both. */
    public static LedgerSystem start(Infrastructure infrastructure, Settings settings) {
        LedgerSystem system = new LedgerSystem(infrastructure, settings);
        system.startCommandSide();
        system.startQuerySide();
        system.startWeb();
        return system;
    }

    public void startCommandSide() {
        // closed by close(), in order and before the servers under them: Spring's own shutdown hook would close
        // them at the same time as the launcher's, and the launcher would stop PostgreSQL under them
        commandSide = CommandSideApplication.builder().registerShutdownHook(false)
                .run(commandSideArguments().toArray(String[]::new));
    }

    public void startQuerySide() {
        querySide = QuerySideApplication.builder().registerShutdownHook(false)
                .run(querySideArguments().toArray(String[]::new));
    }

    private void startWeb() {
        List<String> args = new ArrayList<>(List.of(
                "--spring.main.banner-mode=off",
                "--logging.include-application-name=false",
                "--server.address=" + settings.address(),
                "--server.port=" + settings.webPort(),
                "--insight.web.command-side-url=" + commandUrl(),
                "--insight.web.query-side-url=" + queryUrl()));
        if (settings.oidc() != null) {
            args.add("--insight.web.oidc.issuer-uri=" + settings.oidc().issuerUri());
            args.add("--insight.web.oidc.client-id=" + settings.oidc().clientId());
            args.add("--insight.web.oidc.client-secret=" + settings.oidc().clientSecret());
        }
        web = WebApplication.builder().registerShutdownHook(false).run(args.toArray(String[]::new));
    }

    /** What the command side is started with: also for running it in a process of its own. */
    public List<String> commandSideArguments() {
        List<String> args = common();
        args.add("--spring.datasource.url=" + infrastructure.jdbcUrl(EVENT_STORE_DATABASE));
        args.add("--server.port=" + settings.commandPort());
        args.add("--insight.links.query-side-url=" + queryUrl());
        // the demo data is imported history: its requests carry the time they happened
        args.add("--insight.import.enabled=true");
        args.add("--insight.identity.bootstrap.name=" + settings.demoUser());
        args.add("--insight.identity.bootstrap.password=" + settings.demoPassword());
        args.add("--insight.identity.bootstrap.token=" + settings.demoToken());
        return args;
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

    public String webUrl() {
        return "http://" + settings.address() + ":" + settings.webPort();
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
        args.add("--insight.identity.database.url=" + infrastructure.jdbcUrl(IDENTITY_DATABASE));
        args.add("--insight.identity.database.username=" + infrastructure.username());
        args.add("--insight.identity.database.password=" + infrastructure.password());
        args.add("--insight.privacy.keys.url=" + infrastructure.jdbcUrl(KEYS_DATABASE));
        args.add("--insight.privacy.keys.username=" + infrastructure.username());
        args.add("--insight.privacy.keys.password=" + infrastructure.password());
        args.add("--insight.privacy.master-key=" + settings.masterKey());
        if (settings.oidc() != null) {
            args.add("--insight.identity.oidc.issuer-uri=" + settings.oidc().issuerUri());
            if (settings.oidc().rolesClaim() != null) {
                args.add("--insight.identity.oidc.roles-claim=" + settings.oidc().rolesClaim());
            }
        }
        return args;
    }

    @Override
    public void close() {
        if (web != null) {
            web.close();
            web = null;
        }
        if (querySide != null) {
            stopQuerySide();
        }
        if (commandSide != null) {
            stopCommandSide();
        }
    }
}
