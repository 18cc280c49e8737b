package io.insightledger.platform.identity;

import io.insightledger.events.EventMetadata;

/** The workspaces of the installation: each team's own space for its meetings, hypotheses and decisions. */
public final class Workspaces {

    /** Lower-case letters, digits and hyphens, 2 to 40: safe in a URL, a Kafka header and a log line. */
    public static final String ID_RULE = "[a-z0-9][a-z0-9-]{1,39}";
    public static final String ID_RULE_MESSAGE = "must be 2 to 40 lower-case letters, digits or hyphens, "
            + "starting with a letter or digit";

    private final IdentityDatabase database;

    Workspaces(IdentityDatabase database) {
        this.database = database;
    }

    /** The workspace a request means: the one it names, or {@code default} when it names none. */
    public static String orDefault(String requested) {
        return requested == null || requested.isBlank() ? EventMetadata.DEFAULT_WORKSPACE : requested;
    }

    public boolean exists(String id) {
        return database.jdbc().sql("select exists (select 1 from workspace where id = ?)").param(id)
                .query(Boolean.class).single();
    }
}
