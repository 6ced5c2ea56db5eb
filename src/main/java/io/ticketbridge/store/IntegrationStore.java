package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.security.CredentialCipher;
import io.ticketbridge.security.WebhookSecrets;
import org.jdbi.v3.core.Handle;

/** Integrations with their credentials sealed by AES-256-GCM (bound to the integration id). */
public final class IntegrationStore {

    /** Sizes of the integrations.config and .credentials columns; larger values are refused (InvalidValueException). */
    static final int MAX_CONFIG_CHARS = 100_000;
    static final int MAX_SEALED_CHARS = 20_000;

    private final CredentialCipher cipher;

    public IntegrationStore(CredentialCipher cipher) {
        this.cipher = cipher;
    }

    public Integration create(Handle h, String spaceId, String platform, String name, String baseUrl,
                              ObjectNode config, Map<String, String> credentials, boolean enabled) {
        refuseUnsafe(credentials);
        String id = Ids.newId();
        Instant now = Instant.now();
        uniqueName(name, () -> h.createUpdate("insert into integrations (id, space_id, platform, name, base_url,"
                        + " config, credentials, credential_fields, enabled, created_at, updated_at)"
                        + " values (:id, :s, :p, :n, :u, :c, :cred, :fields, :e, :now, :now)")
                .bind("id", id).bind("s", spaceId).bind("p", platform).bind("n", name).bind("u", baseUrl)
                .bind("c", configJson(config == null ? Json.object() : config))
                .bind("cred", seal(id, credentials)).bind("fields", fieldNames(credentials)).bind("e", enabled)
                .bind("now", ts(now)).execute());
        return get(h, null, id).orElseThrow();
    }

    /** Null arguments keep the current value; credentials are merged key by key (null value removes). */
    public Integration update(Handle h, Integration current, String name, String baseUrl, ObjectNode config,
                              Map<String, String> credentialChanges, Boolean enabled) {
        refuseUnsafe(credentialChanges);
        Map<String, String> creds = credentials(current);
        if (credentialChanges != null) {
            credentialChanges.forEach((k, v) -> {
                if (v == null) {
                    creds.remove(k);
                } else {
                    creds.put(k, v);
                }
            });
        }
        uniqueName(name, () -> h.createUpdate("update integrations set name=:n, base_url=:u, config=:c,"
                        + " credentials=:cred, credential_fields=:fields, enabled=:e, updated_at=:now where id=:id")
                .bind("n", name == null ? current.name() : name)
                .bind("u", baseUrl == null ? current.baseUrl() : baseUrl)
                .bind("c", configJson(config == null ? current.config() : config))
                .bind("cred", seal(current.id(), creds)).bind("fields", fieldNames(creds))
                .bind("e", enabled == null ? current.enabled() : enabled)
                .bind("now", ts(Instant.now())).bind("id", current.id()).execute());
        return get(h, null, current.id()).orElseThrow();
    }

    public boolean delete(Handle h, String id) {
        // the embedded store's ledger has no foreign keys (V8): its rows go here, not by cascade
        h.createUpdate("delete from sync_ledger where integration_id=:id").bind("id", id).execute();
        // where its queue's groups stood (V9): nothing reads them once the integration is gone
        h.createUpdate("delete from queue_marks where source=:src").bind("src", InboxStore.queueSource(id)).execute();
        return h.createUpdate("delete from integrations where id=:id").bind("id", id).execute() == 1;
    }

    public Optional<Integration> get(Handle h, String spaceId, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        var q = h.createQuery("select * from integrations where id=:id" + (spaceId == null ? "" : " and space_id=:s"))
                .bind("id", id);
        if (spaceId != null) {
            q.bind("s", spaceId);
        }
        return q.map((rs, c) -> map(rs)).findOne();
    }

    public List<Integration> list(Handle h, String spaceId, String platform) {
        StringBuilder sql = new StringBuilder("select * from integrations where 1=1");
        if (spaceId != null) {
            sql.append(" and space_id=:s");
        }
        if (platform != null) {
            sql.append(" and platform=:p");
        }
        var q = h.createQuery(sql + " order by created_at, name");
        if (spaceId != null) {
            q.bind("s", spaceId);
        }
        if (platform != null) {
            q.bind("p", platform);
        }
        return q.map((rs, c) -> map(rs)).list();
    }

    /** Decrypted credentials; whoever records a call with them masks them in that call's record. */
    public Map<String, String> credentials(Integration integration) {
        if (integration.sealedCredentials() == null) {
            return new LinkedHashMap<>();
        }
        Map<String, String> creds = Json.MAPPER.convertValue(
                Json.read(cipher.decrypt(integration.sealedCredentials(), integration.id())),
                new TypeReference<LinkedHashMap<String, String>>() { });
        return creds;
    }

    /** A name taken in the space is a {@link DuplicateException} (409), whichever API path wrote it. */
    private static void uniqueName(String name, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new DuplicateException("An integration named '" + name + "' already exists in this space");
            }
            throw e;
        }
    }

    /** Credentials that would weaken a check (a short webhook secret) are never stored. */
    private static void refuseUnsafe(Map<String, String> credentials) {
        List<String> problems = WebhookSecrets.problems(credentials);
        if (!problems.isEmpty()) {
            throw new InvalidValueException(problems);
        }
    }

    private static String fieldNames(Map<String, String> credentials) {
        String names = credentials == null || credentials.isEmpty() ? "" : String.join(",", credentials.keySet());
        return names.length() > 1000 ? null : names; // null: read them from the sealed value
    }

    private String seal(String id, Map<String, String> credentials) {
        if (credentials == null || credentials.isEmpty()) {
            return null;
        }
        String sealed = cipher.encrypt(Json.write(credentials), id);
        if (sealed.length() > MAX_SEALED_CHARS) {
            throw new InvalidValueException("'credentials' are too long to store");
        }
        return sealed;
    }

    private static String configJson(ObjectNode config) {
        String json = Json.write(config);
        if (json.length() > MAX_CONFIG_CHARS) {
            throw new InvalidValueException("'config' must fit in " + MAX_CONFIG_CHARS + " characters as JSON");
        }
        return json;
    }

    private Integration map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String sealed = rs.getString("credentials");
        String id = rs.getString("id");
        List<String> fields = new ArrayList<>();
        String names = rs.getString("credential_fields");
        if (names != null) {
            for (String n : names.split(",")) {
                if (!n.isEmpty()) {
                    fields.add(n);
                }
            }
        } else if (sealed != null) {
            // rows written before the field names were kept beside the sealed value
            fields.addAll(Json.read(cipher.decrypt(sealed, id)).properties().stream().map(Map.Entry::getKey).toList());
        }
        return new Integration(id, rs.getString("space_id"), rs.getString("platform"), rs.getString("name"),
                rs.getString("base_url"), Json.readObject(rs.getString("config")), sealed, fields,
                rs.getBoolean("enabled"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
