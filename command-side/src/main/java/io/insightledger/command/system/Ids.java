package io.insightledger.command.system;

import java.util.UUID;

/** Ids of the things commands create: the client's, which makes a retry safe, or a new random one. */
public final class Ids {

    /** Ids travel in URLs and as Kafka keys: letters, digits, dot, dash and underscore only. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    public static final String PATTERN_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";

    private Ids() {
    }

    public static String orNew(String clientId) {
        return clientId != null ? clientId : UUID.randomUUID().toString();
    }
}
