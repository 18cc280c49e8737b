package io.insightledger.platform.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Wraps data keys for the key store (AES-256-GCM, the key's id as associated data, so that a wrapped key moved to
 * another id does not open). It comes from configuration and is never stored with the keys: a copy of the key store
 * without it reveals nothing.
 */
final class MasterKey {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    MasterKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("insight.privacy.master-key (INSIGHT_MASTER_KEY) is not set: base64 of "
                    + "32 random bytes, e.g. `openssl rand -base64 32`; it wraps the keys that seal personal data");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("insight.privacy.master-key is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("insight.privacy.master-key must be 32 bytes (AES-256), not "
                    + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    byte[] wrap(String keyId, byte[] dataKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, nonce, keyId, dataKey);
        return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    }

    byte[] unwrap(String keyId, byte[] wrapped) {
        byte[] nonce = Arrays.copyOfRange(wrapped, 0, NONCE_BYTES);
        return gcm(Cipher.DECRYPT_MODE, key, nonce, keyId,
                Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length));
    }

    /** AES-GCM with {@code keyId} as associated data: what was sealed for one key id does not open for another. */
    static byte[] gcm(int mode, SecretKey key, byte[] nonce, String keyId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open")
                    + " with key " + keyId + ": " + e.getMessage(), e);
        }
    }
}
