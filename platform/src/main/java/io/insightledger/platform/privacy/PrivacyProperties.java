package io.insightledger.platform.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the key store is, and the master key that wraps its keys ({@code insight.privacy.*}).
 *
 * @param masterKey base64 of 32 random bytes; wraps every data key, and is never stored beside them
 * @param keyCache  how long a reader keeps a key it looked up: a key deleted by an erasure is still used this long
 *                  at most by a reader that has not heard of the erasure yet
 */
@ConfigurationProperties("insight.privacy")
public record PrivacyProperties(String masterKey, Database keys, @DefaultValue("1m") Duration keyCache) {

    public record Database(String url, String username, String password) {
    }
}
