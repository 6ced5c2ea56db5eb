package io.ticketbridge.sync;

import io.ticketbridge.connector.DeskMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Json;

/**
 * Three-way comparison of one ticket's synced fields: hub (local), vendor (remote) and the last
 * state both agreed on (the link snapshot). Local values are compared after a round trip through
 * the vendor mapping, so a lossy mapping (hub "new" and "open" are both SDP "Open") is not mistaken
 * for a change.
 */
public final class Reconciler {

    /** What to do: send local changes, apply remote changes, record conflicts; the next snapshot. */
    public record Outcome(Map<String, Object> toSend, Map<String, Object> toApply,
                          Map<String, Object[]> conflicts, Map<String, Object> snapshot) {
        public boolean changesLocal() {
            return !toApply.isEmpty();
        }
    }

    private Reconciler() {
    }

    /**
     * @param local    hub values of the synced fields
     * @param remote   vendor values, already mapped to hub fields
     * @param snapshot last agreed values (empty on the first sync: local wins where they differ)
     */
    public static Outcome reconcile(DeskMapper mapper, List<FieldMapping> mappings, Map<String, Object> local,
                                    Map<String, Object> remote, Map<String, Object> snapshot) {
        Set<String> fields = mapper.syncedFields(mappings);
        Map<String, Object> normalizedLocal = roundTrip(mapper, mappings, local);
        Map<String, Object> toSend = new LinkedHashMap<>();
        Map<String, Object> toApply = new LinkedHashMap<>();
        Map<String, Object[]> conflicts = new LinkedHashMap<>();
        Map<String, Object> next = new LinkedHashMap<>(snapshot);
        for (String f : fields) {
            if (f.startsWith("custom_fields.")) {
                continue;
            }
            Object l = norm(normalizedLocal.get(f));
            Object r = norm(remote.get(f));
            if (Objects.equals(l, r)) {
                next.put(f, r);
                continue;
            }
            boolean known = snapshot.containsKey(f);
            Object s = norm(snapshot.get(f));
            if (!known || Objects.equals(r, s)) {
                toSend.put(f, local.get(f));
                next.put(f, l);
            } else if (Objects.equals(l, s)) {
                toApply.put(f, r);
                next.put(f, r);
            } else {
                conflicts.put(f, new Object[] {s, local.get(f), r});
            }
        }
        return new Outcome(toSend, toApply, conflicts, next);
    }

    /** Hub values as the vendor would give them back. */
    public static Map<String, Object> roundTrip(DeskMapper mapper, List<FieldMapping> mappings,
                                                Map<String, Object> local) {
        return mapper.toCanonical(mapper.toRemote(local, mappings, null), mappings);
    }

    static Object norm(Object v) {
        if (v == null) {
            return null;
        }
        Object plain = Json.MAPPER.convertValue(v, Object.class);
        if (plain instanceof String s && s.isEmpty()) {
            return null;
        }
        if (plain instanceof List<?> l && l.isEmpty()) {
            return null;
        }
        if (plain instanceof Map<?, ?> m && m.isEmpty()) {
            return null;
        }
        return plain;
    }
}
