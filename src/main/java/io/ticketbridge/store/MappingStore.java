package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TicketTemplate;
import org.jdbi.v3.core.Handle;

/** Per-integration field mappings, ticket templates and small sync state values (pull cursors). */
public final class MappingStore {

    public List<FieldMapping> mappings(Handle h, String integrationId) {
        return h.createQuery("select * from field_mappings where integration_id=:i order by local_field")
                .bind("i", integrationId)
                .map((rs, c) -> new FieldMapping(rs.getString("id"), rs.getString("local_field"),
                        rs.getString("remote_field")))
                .list();
    }

    /** Creates or replaces the mapping of one hub field. */
    public FieldMapping putMapping(Handle h, String integrationId, String localField, String remoteField) {
        h.createUpdate("delete from field_mappings where integration_id=:i and local_field=:l")
                .bind("i", integrationId).bind("l", localField).execute();
        String id = Ids.newId();
        h.createUpdate("insert into field_mappings (id, integration_id, local_field, remote_field, created_at)"
                        + " values (:id, :i, :l, :r, :now)")
                .bind("id", id).bind("i", integrationId).bind("l", localField).bind("r", remoteField)
                .bind("now", ts(Instant.now())).execute();
        return new FieldMapping(id, localField, remoteField);
    }

    public boolean deleteMapping(Handle h, String integrationId, String idOrLocalField) {
        return h.createUpdate("delete from field_mappings where integration_id=:i and (id=:k or local_field=:k)")
                .bind("i", integrationId).bind("k", idOrLocalField).execute() > 0;
    }

    public void deleteAllMappings(Handle h, String integrationId) {
        h.createUpdate("delete from field_mappings where integration_id=:i").bind("i", integrationId).execute();
    }

    public List<TicketTemplate> templates(Handle h, String integrationId) {
        return h.createQuery("select * from templates where integration_id=:i order by name").bind("i", integrationId)
                .map((rs, c) -> template(rs.getString("id"), rs.getString("name"), rs.getString("body"),
                        rs.getBoolean("is_default")))
                .list();
    }

    public Optional<TicketTemplate> template(Handle h, String integrationId, String idOrName) {
        return templates(h, integrationId).stream()
                .filter(t -> t.id().equals(idOrName) || t.name().equals(idOrName)).findFirst();
    }

    public Optional<TicketTemplate> defaultTemplate(Handle h, String integrationId) {
        return templates(h, integrationId).stream().filter(TicketTemplate::isDefault).findFirst();
    }

    /** Creates or replaces a template by name; a new default demotes the previous one. */
    public TicketTemplate putTemplate(Handle h, String integrationId, TicketTemplate t) {
        if (t.isDefault()) {
            h.createUpdate("update templates set is_default=false where integration_id=:i").bind("i", integrationId)
                    .execute();
        }
        h.createUpdate("delete from templates where integration_id=:i and name=:n").bind("i", integrationId)
                .bind("n", t.name()).execute();
        String id = Ids.newId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", t.category());
        body.put("subcategory", t.subcategory());
        body.put("group", t.group());
        body.put("defaultFields", t.defaultFields() == null ? Map.of() : t.defaultFields());
        h.createUpdate("insert into templates (id, integration_id, name, body, is_default, created_at)"
                        + " values (:id, :i, :n, :b, :d, :now)")
                .bind("id", id).bind("i", integrationId).bind("n", t.name()).bind("b", Json.write(body))
                .bind("d", t.isDefault()).bind("now", ts(Instant.now())).execute();
        return template(id, t.name(), Json.write(body), t.isDefault());
    }

    public boolean deleteTemplate(Handle h, String integrationId, String idOrName) {
        return h.createUpdate("delete from templates where integration_id=:i and (id=:k or name=:k)")
                .bind("i", integrationId).bind("k", idOrName).execute() > 0;
    }

    public void deleteAllTemplates(Handle h, String integrationId) {
        h.createUpdate("delete from templates where integration_id=:i").bind("i", integrationId).execute();
    }

    public Optional<String> state(Handle h, String integrationId, String name) {
        return h.createQuery("select state_value from integration_state where integration_id=:i and name=:n")
                .bind("i", integrationId).bind("n", name).mapTo(String.class).findOne();
    }

    public void putState(Handle h, String integrationId, String name, String value) {
        int n = h.createUpdate("update integration_state set state_value=:v, updated_at=:now where integration_id=:i"
                        + " and name=:n")
                .bind("v", value).bind("now", ts(Instant.now())).bind("i", integrationId).bind("n", name).execute();
        if (n == 0) {
            h.createUpdate("insert into integration_state (integration_id, name, state_value, updated_at)"
                            + " values (:i, :n, :v, :now)")
                    .bind("v", value).bind("now", ts(Instant.now())).bind("i", integrationId).bind("n", name)
                    .execute();
        }
    }

    private static TicketTemplate template(String id, String name, String body, boolean isDefault) {
        Map<String, Object> b = Json.MAPPER.convertValue(Json.read(body),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        @SuppressWarnings("unchecked")
        Map<String, Object> defaults = (Map<String, Object>) b.getOrDefault("defaultFields", Map.of());
        return new TicketTemplate(id, name, (String) b.get("category"), (String) b.get("subcategory"),
                (String) b.get("group"), defaults, isDefault);
    }
}
