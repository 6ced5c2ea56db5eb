package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Space;
import io.ticketbridge.security.ApiKeys;
import org.jdbi.v3.core.Handle;

/** Spaces (tenants), their API keys, and runtime settings rows. */
public final class SpaceStore {

    public static final String DEFAULT_SPACE = "default";

    public Space create(Handle h, String name) {
        String id = Ids.newId();
        h.createUpdate("insert into spaces (id, name, created_at) values (:id, :name, :now)")
                .bind("id", id).bind("name", name).bind("now", ts(Instant.now())).execute();
        return get(h, id).orElseThrow();
    }

    public Optional<Space> get(Handle h, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return h.createQuery("select * from spaces where id=:id").bind("id", id).map((rs, c) -> map(rs)).findOne();
    }

    public Optional<Space> byName(Handle h, String name) {
        return h.createQuery("select * from spaces where name=:n").bind("n", name).map((rs, c) -> map(rs)).findOne();
    }

    public List<Space> list(Handle h) {
        return h.createQuery("select * from spaces order by created_at, name").map((rs, c) -> map(rs)).list();
    }

    public Space updateLimits(Handle h, String id, Integer perMinute, Integer perHour, Integer perDay, Integer block) {
        h.createUpdate("update spaces set rate_per_minute=:m, rate_per_hour=:h, rate_per_day=:d, block_seconds=:b"
                        + " where id=:id")
                .bind("m", perMinute).bind("h", perHour).bind("d", perDay).bind("b", block).bind("id", id).execute();
        return get(h, id).orElseThrow();
    }

    public Space ensureDefault(Handle h) {
        return byName(h, DEFAULT_SPACE).orElseGet(() -> create(h, DEFAULT_SPACE));
    }

    /** Creates a key and returns its plaintext; only the hash is stored. */
    public ApiKeys.NewKey addKey(Handle h, String spaceId, String label) {
        ApiKeys.NewKey key = ApiKeys.generate();
        h.createUpdate("insert into api_keys (id, space_id, key_hash, label, created_at) values (:id, :s, :h, :l, :now)")
                .bind("id", key.keyId()).bind("s", spaceId).bind("h", key.hash()).bind("l", label)
                .bind("now", ts(Instant.now())).execute();
        return key;
    }

    public record StoredKey(String id, String spaceId, String hash, String label, Instant createdAt, Instant revokedAt) {
    }

    public Optional<StoredKey> key(Handle h, String keyId) {
        return h.createQuery("select * from api_keys where id=:id").bind("id", keyId)
                .map((rs, c) -> new StoredKey(rs.getString("id"), rs.getString("space_id"), rs.getString("key_hash"),
                        rs.getString("label"), instant(rs, "created_at"), instant(rs, "revoked_at")))
                .findOne();
    }

    public List<StoredKey> keys(Handle h, String spaceId) {
        return h.createQuery("select * from api_keys where space_id=:s order by created_at").bind("s", spaceId)
                .map((rs, c) -> new StoredKey(rs.getString("id"), rs.getString("space_id"), null,
                        rs.getString("label"), instant(rs, "created_at"), instant(rs, "revoked_at")))
                .list();
    }

    public boolean revokeKey(Handle h, String spaceId, String keyId) {
        return h.createUpdate("update api_keys set revoked_at=:now where id=:id and space_id=:s and revoked_at is null")
                .bind("now", ts(Instant.now())).bind("id", keyId).bind("s", spaceId).execute() == 1;
    }

    public Optional<String> setting(Handle h, String name) {
        return h.createQuery("select setting_value from settings where name=:n").bind("n", name).mapTo(String.class).findOne();
    }

    public void putSetting(Handle h, String name, String value) {
        int n = h.createUpdate("update settings set setting_value=:v, updated_at=:now where name=:n")
                .bind("v", value).bind("now", ts(Instant.now())).bind("n", name).execute();
        if (n == 0) {
            h.createUpdate("insert into settings (name, setting_value, updated_at) values (:n, :v, :now)")
                    .bind("v", value).bind("now", ts(Instant.now())).bind("n", name).execute();
        }
    }

    private static Space map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Space(rs.getString("id"), rs.getString("name"), (Integer) rs.getObject("rate_per_minute"),
                (Integer) rs.getObject("rate_per_hour"), (Integer) rs.getObject("rate_per_day"),
                (Integer) rs.getObject("block_seconds"), instant(rs, "created_at"));
    }
}
