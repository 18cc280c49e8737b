package io.insightledger.platform.privacy;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Data keys in memory, for unit tests of what seals and opens personal data. */
public final class KeysInMemory implements Keys {

    /** Empty: erased. */
    private final Map<String, Optional<SecretKey>> keys = new ConcurrentHashMap<>();

    /** Personal data sealed and opened with keys held in memory. */
    public static PersonalData personalData() {
        return new PersonalData(new KeysInMemory());
    }

    @Override
    public SecretKey keyToSeal(String keyId) {
        return keys.computeIfAbsent(keyId, id -> Optional.of(fresh()))
                .orElseThrow(() -> new KeyErasedException(keyId));
    }

    @Override
    public Optional<SecretKey> keyToOpen(String keyId) {
        return keys.getOrDefault(keyId, Optional.empty());
    }

    @Override
    public boolean erase(String keyId) {
        Optional<SecretKey> before = keys.put(keyId, Optional.empty());
        return before == null || before.isPresent();
    }

    @Override
    public void forget(String keyId) {
        // nothing cached
    }

    private static SecretKey fresh() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
