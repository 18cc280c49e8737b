package io.insightledger.events;

/**
 * Personal data, or free text that may name people, as events carry it: encrypted (AES-256-GCM) under the key of the
 * person or the meeting it belongs to, so that deleting that key erases it from every copy of the event at once (the
 * event store, the topic, backups). The key lives in the key store, never beside the event; docs/privacy.md.
 *
 * @param key  the id of the key that sealed it, {@code person:<uuid>} or {@code meeting:<id>}; {@code null} only for
 *             values recorded before personal data was encrypted, which upcasters carry over as they were written
 * @param data base64 of the nonce and the ciphertext with its tag; the value itself, in clear, when {@code key} is
 *             {@code null}
 */
public record Sealed(String key, String data) {
    // no derived accessors: every method named like a property would be written into the events' JSON

    /** A value recorded in clear before personal data was encrypted (read through an upcaster). */
    public static Sealed inClear(String value) {
        return value == null ? null : new Sealed(null, value);
    }
}
