package io.insightledger.platform.privacy;

/** Something was to be sealed under a key that an erasure or a redaction deleted: it can never be used again. */
public class KeyErasedException extends RuntimeException {

    private final String keyId;

    KeyErasedException(String keyId) {
        super("Key " + keyId + " was erased");
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }
}
