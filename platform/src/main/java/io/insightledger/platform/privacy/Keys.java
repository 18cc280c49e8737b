package io.insightledger.platform.privacy;

import javax.crypto.SecretKey;
import java.util.Optional;

/** Where the data keys are: the key store, or (in unit tests) memory. */
interface Keys {

    /** The key, made now if it never existed; {@link KeyErasedException} if it was erased. */
    SecretKey keyToSeal(String keyId);

    /** The key, or empty when it was erased (or never made, which reads the same). */
    Optional<SecretKey> keyToOpen(String keyId);

    /** @return false when it was erased before */
    boolean erase(String keyId);

    /** Looks the key up again next time. */
    void forget(String keyId);
}
