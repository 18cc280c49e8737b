package io.insightledger.command.history;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Import mode: recording history that happened before the system was used (a team's old notes, the demo data). A
 * command may then carry the time the thing really happened in the {@value #HEADER} header; its events carry it as
 * {@code happenedAt} beside their own timestamp (when they were recorded), and readers place them by it. Off unless
 * configured; only an ADMIN may use it.
 */
@ConfigurationProperties("insight.import")
public record ImportedHistory(boolean enabled) {

    public static final String HEADER = "X-Effective-Time";
}
