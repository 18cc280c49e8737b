package io.insightledger.command.person;

import io.insightledger.platform.identity.Workspaces;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps personal data no longer than it is needed: erases everyone whom no meeting of their workspace has named for
 * the workspace's retention period (set by an ADMIN per workspace, else the installation's default; 0: kept until
 * erased by hand). Runs on a schedule, and on an ADMIN's request; logs and counts
 * ({@code insight.privacy.retention.erased}) every person it erases.
 */
@Component
@EnableConfigurationProperties(Retention.Settings.class)
public class Retention {

    /** The principal the scheduled runs act as: every erasure they record names it. */
    static final String ACTOR = "retention";

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /**
     * @param months     the retention period of workspaces that set none of their own; 0: no retention
     * @param checkEvery how often the scheduled check runs
     */
    @ConfigurationProperties("insight.privacy.retention")
    record Settings(@DefaultValue("0") int months, @DefaultValue("1h") Duration checkEvery) {
    }

    public record Erased(String person, String workspace, int retentionMonths) {
    }

    private final Settings settings;
    private final Workspaces workspaces;
    private final PersonLookup people;
    private final CommandGateway commands;
    private final MeterRegistry meters;

    Retention(Settings settings, Workspaces workspaces, PersonLookup people, CommandGateway commands,
              MeterRegistry meters) {
        this.settings = settings;
        this.workspaces = workspaces;
        this.people = people;
        this.commands = commands;
        this.meters = meters;
    }

    @Scheduled(initialDelayString = "${insight.privacy.retention.check-every:1h}",
            fixedDelayString = "${insight.privacy.retention.check-every:1h}")
    void onSchedule() {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(ACTOR, null, List.of()));
        try {
            apply();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Erases whoever is past their workspace's retention now, as the caller (or the scheduled principal). */
    public List<Erased> apply() {
        List<Erased> erased = new ArrayList<>();
        for (String workspace : people.workspacesWithPeople()) {
            int months = workspaces.find(workspace).map(Workspaces.Workspace::retentionMonths)
                    .orElse(settings.months());
            if (months <= 0) {
                continue;
            }
            Instant cutoff = Instant.now().atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
            for (String person : people.notSeenSince(workspace, cutoff)) {
                commands.sendAndWait(new ErasePersonCommand(person,
                        "Retention: not named in a meeting of workspace " + workspace + " for " + months + " months"));
                meters.counter("insight.privacy.retention.erased", "workspace", workspace).increment();
                log.info("Retention erased person {} of workspace {}: no meeting named them in {} months", person,
                        workspace, months);
                erased.add(new Erased(person, workspace, months));
            }
        }
        log.info("Retention checked every workspace's people: {} erased", erased.size());
        return erased;
    }
}
