package io.insightledger.standalone;

import java.security.SecureRandom;
import java.util.Base64;

/** Master keys for the key store, as {@code insight.privacy.master-key} takes them. */
final class MasterKeys {

    private MasterKeys() {
    }

    /** Base64 of 32 random bytes. */
    static String random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
