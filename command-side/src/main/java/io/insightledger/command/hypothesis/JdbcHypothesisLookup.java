package io.insightledger.command.hypothesis;

import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Keeps {@code hypothesis_lookup} in the event store's database, in the same transaction as the events. */
@Component
@ProcessingGroup("command-lookups")
class JdbcHypothesisLookup implements HypothesisLookup {

    private final JdbcClient jdbc;

    JdbcHypothesisLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> workspaceOf(String hypothesisId) {
        return jdbc.sql("SELECT workspace_id FROM hypothesis_lookup WHERE hypothesis_id = ?")
                .param(hypothesisId).query(String.class).optional();
    }

    @EventHandler
    void on(HypothesisProposedEvent event) {
        jdbc.sql("INSERT INTO hypothesis_lookup (hypothesis_id, workspace_id) VALUES (?, ?)")
                .params(event.hypothesisId(), event.workspaceId()).update();
    }
}
