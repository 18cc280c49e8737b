package io.insightledger.platform.privacy;

import io.insightledger.events.Sealed;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Seals personal data for events, and opens it for readers, with the key of the person or meeting it belongs to
 * (crypto-shredding: erasing the key erases the data from every copy of every event). Values are sealed with
 * AES-256-GCM under a key derived from the data key, with the key id as associated data.
 * <p>
 * Sealing is deterministic: the nonce is an HMAC of the text (a synthetic IV), so the same text under the same key
 * seals to the same bytes, and a command sent again (a client's retry) is recognised as the same. The price is that
 * equal texts under one key are seen to be equal, which says nothing to anyone who cannot open them.
 */
public final class PersonalData {

    /** What a view shows instead of an erased person's name. */
    public static final String ERASED_PERSON = "Erased person";
    /** What a view shows instead of a redacted meeting's free text. */
    public static final String REDACTED = "[redacted]";

    private static final String PERSON = "person:";
    private static final String MEETING = "meeting:";

    private final Keys keys;

    PersonalData(Keys keys) {
        this.keys = keys;
    }

    /** Sealing and opening with the keys of this key store. */
    public static PersonalData of(KeyStore keys) {
        return new PersonalData(keys);
    }

    public static String personKey(String personId) {
        return PERSON + personId;
    }

    public static String meetingKey(String meetingId) {
        return MEETING + meetingId;
    }

    /** {@code null} stays {@code null}; a key erased before refuses ({@link KeyErasedException}). */
    public Sealed seal(String keyId, String text) {
        if (text == null) {
            return null;
        }
        SecretKey key = keys.keyToSeal(keyId);
        byte[] clear = text.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = Arrays.copyOf(hmac(derived(key, "nonce"), keyId + "\n" + text), MasterKey.NONCE_BYTES);
        byte[] sealed = MasterKey.gcm(Cipher.ENCRYPT_MODE, derived(key, "seal"), nonce, keyId, clear);
        return new Sealed(keyId, Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()));
    }

    /** The value in clear, or empty when its key was erased. {@code null} stays {@code null}. */
    public Optional<String> open(Sealed sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        if (sealed.key() == null) {
            return Optional.ofNullable(sealed.data());
        }
        return keys.keyToOpen(sealed.key()).map(key -> {
            byte[] bytes = Base64.getDecoder().decode(sealed.data());
            byte[] nonce = Arrays.copyOf(bytes, MasterKey.NONCE_BYTES);
            return new String(MasterKey.gcm(Cipher.DECRYPT_MODE, derived(key, "seal"), nonce, sealed.key(),
                    Arrays.copyOfRange(bytes, MasterKey.NONCE_BYTES, bytes.length)), StandardCharsets.UTF_8);
        });
    }

    /**
     * An id that only the holder of the key can derive from {@code what}: the same person named twice in one meeting
     * gets one id, and the id says nothing about the name.
     */
    public String idFor(String keyId, String what) {
        byte[] digest = hmac(derived(keys.keyToSeal(keyId), "id"), what);
        long high = ByteBuffer.wrap(digest, 0, 8).getLong() & ~0xF000L | 0x8000L;
        long low = ByteBuffer.wrap(digest, 8, 8).getLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * The person a meeting names by this name, without an id of their own: one per name (whatever its case and
     * surrounding spaces) and meeting, so that a retry, an attendee and a speaker of the same name find the same id.
     */
    public String personNamed(String meetingId, String name) {
        return idFor(meetingKey(meetingId), "person:" + name.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Deletes the key for ever: whatever was sealed under it can never be opened again.
     *
     * @return false when it was erased before
     */
    public boolean erase(String keyId) {
        return keys.erase(keyId);
    }

    /** A reader heard of an erasure: the key is looked up again (and found gone) instead of taken from the cache. */
    public void forget(String keyId) {
        keys.forget(keyId);
    }

    private static SecretKey derived(SecretKey key, String purpose) {
        return new SecretKeySpec(hmac(key, purpose), "AES");
    }

    private static byte[] hmac(SecretKey key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
