package io.insightledger.platform.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariDataSource;
import io.insightledger.platform.OwnDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * The data keys, in a database of their own (never the event store, never the topic), each wrapped by the master
 * key. Keys looked up are kept briefly in memory; an erasure forgets its key here at once, and readers elsewhere
 * forget it when they hear of the erasure (or after the cache's time at most).
 */
public final class KeyStore implements Keys, AutoCloseable {

    private static final int KEY_BYTES = 32;

    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final MasterKey master;
    private final SecureRandom random = new SecureRandom();
    /** An erased key is cached as empty: it never comes back. */
    private final Cache<String, Optional<SecretKey>> keys;

    /** The key store the settings name, with their master key; the caller closes it. */
    public static KeyStore open(PrivacyProperties settings, String application) {
        return new KeyStore(settings.keys(), new MasterKey(settings.masterKey()), settings.keyCache(), application);
    }

    private KeyStore(PrivacyProperties.Database settings, MasterKey master, Duration cacheFor, String application) {
        this.dataSource = OwnDatabase.open("keys", settings == null ? null : settings.url(),
                settings == null ? null : settings.username(), settings == null ? null : settings.password(),
                application, Duration.ofSeconds(2), "insight.privacy.keys.url (INSIGHT_KEYS_DB_URL) is not set: "
                        + "personal data is sealed and read with keys from the key store");
        this.jdbc = JdbcClient.create(dataSource);
        this.master = master;
        this.keys = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(100_000).build();
    }

    @Override
    public SecretKey keyToSeal(String keyId) {
        Optional<SecretKey> key = keys.get(keyId, id -> stored(id).orElseGet(() -> {
            byte[] fresh = new byte[KEY_BYTES];
            random.nextBytes(fresh);
            // two instances may make the same key at once: the first one stays, and both read it back
            jdbc.sql("INSERT INTO data_key (key_id, wrapped) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING")
                    .params(id, master.wrap(id, fresh)).update();
            return stored(id).orElseThrow();
        }));
        return key.orElseThrow(() -> new KeyErasedException(keyId));
    }

    @Override
    public Optional<SecretKey> keyToOpen(String keyId) {
        Optional<SecretKey> cached = keys.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        Optional<Optional<SecretKey>> stored = stored(keyId);
        // a key not made yet (a reader ahead of the key store's backup, say) is looked up again next time
        stored.ifPresent(key -> keys.put(keyId, key));
        return stored.orElse(Optional.empty());
    }

    /**
     * Deletes the key's material for ever; a key never made is recorded as erased, so that it is never made either.
     *
     * @return false when it was erased before
     */
    @Override
    public boolean erase(String keyId) {
        boolean deleted = jdbc.sql("""
                        INSERT INTO data_key (key_id, wrapped, erased_at) VALUES (?, NULL, now())
                        ON CONFLICT (key_id) DO UPDATE SET wrapped = NULL, erased_at = now()
                        WHERE data_key.erased_at IS NULL""")
                .param(keyId).update() == 1;
        forget(keyId);
        return deleted;
    }

    @Override
    public void forget(String keyId) {
        keys.invalidate(keyId);
    }

    /** Empty: no such key; empty inside: erased. */
    private Optional<Optional<SecretKey>> stored(String keyId) {
        return jdbc.sql("SELECT wrapped FROM data_key WHERE key_id = ?").param(keyId)
                .query((rs, row) -> Optional.ofNullable(rs.getBytes(1))
                        .map(wrapped -> (SecretKey) new SecretKeySpec(master.unwrap(keyId, wrapped), "AES")))
                .optional();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
