package io.ticketbridge.api;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ticketbridge.security.ApiKeys;
import io.ticketbridge.store.SpaceStore;
import org.jdbi.v3.core.Jdbi;

/**
 * Bearer-key authentication. The admin key and space keys are held only as SHA-256 hashes and
 * compared in constant time; verified keys are cached briefly so the hot path skips the store.
 */
public final class Authenticator {

    private final String adminKeyHash;
    private final Jdbi jdbi;
    private final SpaceStore spaces;
    private final Cache<String, Principal> verified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    public Authenticator(String adminKeyHash, Jdbi jdbi, SpaceStore spaces) {
        this.adminKeyHash = adminKeyHash;
        this.jdbi = jdbi;
        this.spaces = spaces;
    }

    public Principal authenticate(Optional<String> authorization) {
        String value = authorization.map(String::trim).orElse("");
        if (value.isEmpty()) {
            throw ApiException.unauthorized("Missing Authorization header; send 'Authorization: Bearer <api key>'");
        }
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("Authorization must use the Bearer scheme");
        }
        String key = value.substring(7).trim();
        if (key.isEmpty() || key.length() > 200) {
            throw ApiException.unauthorized("Invalid API key");
        }
        String hash = ApiKeys.hash(key);
        Principal cached = verified.getIfPresent(hash);
        if (cached != null) {
            return cached;
        }
        Principal p = verify(key);
        verified.put(hash, p);
        return p;
    }

    private Principal verify(String key) {
        if (ApiKeys.matches(key, adminKeyHash)) {
            return Principal.ofAdmin();
        }
        String keyId = ApiKeys.keyIdOf(key);
        if (keyId != null) {
            Optional<SpaceStore.StoredKey> stored = jdbi.withHandle(h -> spaces.key(h, keyId));
            if (stored.isPresent() && stored.get().revokedAt() == null && ApiKeys.matches(key, stored.get().hash())) {
                return Principal.space(stored.get().spaceId(), keyId);
            }
        }
        throw ApiException.unauthorized("Invalid API key");
    }

    /** Forget cached verifications, e.g. after a key is revoked. */
    public void invalidateAll() {
        verified.invalidateAll();
    }
}
