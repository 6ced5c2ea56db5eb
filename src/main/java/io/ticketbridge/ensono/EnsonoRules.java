package io.ticketbridge.ensono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.QueueMessage;

/**
 * The rules of {@code config/ensono-rules.yaml}: which hub tickets bridge out (scope), which inbound
 * transactions are out of scope, the reopen policy and the client's own service desk.
 */
public record EnsonoRules(List<Rule> include, List<Rule> exclude, List<Rule> ignore, String reopenPolicy,
                          String clientDeskIntegrationId) {

    public static final Set<String> OUTBOUND_FIELDS =
            Set.of("group", "category", "ci", "approval_status", "ticket_type", "priority", "status");
    public static final Set<String> INBOUND_FIELDS =
            Set.of("transaction_type", "ticket_type", "group", "ensono_group", "category");
    public static final Set<String> POLICIES = Set.of("reopen", "new_ticket", "comments");

    /** Every listed field must match one of its patterns ("*" wildcard, case-insensitive). */
    public record Rule(Map<String, List<Pattern>> fields, String text) {
        boolean matches(Map<String, List<String>> values) {
            for (var e : fields.entrySet()) {
                List<String> actual = values.getOrDefault(e.getKey(), List.of());
                boolean any = actual.stream().anyMatch(v -> v != null
                        && e.getValue().stream().anyMatch(p -> p.matcher(v).matches()));
                if (!any) {
                    return false;
                }
            }
            return !fields.isEmpty();
        }
    }

    public static EnsonoRules parse(Map<String, Object> doc) {
        Map<String, Object> out = map(doc.get("outbound"));
        Map<String, Object> in = map(doc.get("inbound"));
        String policy = String.valueOf(in.getOrDefault("reopen_policy", "reopen"));
        if (!POLICIES.contains(policy)) {
            throw new IllegalArgumentException("inbound.reopen_policy must be one of " + POLICIES + ", got " + policy);
        }
        Object desk = in.get("client_desk_integration_id");
        return new EnsonoRules(rules(out.get("include"), OUTBOUND_FIELDS), rules(out.get("exclude"), OUTBOUND_FIELDS),
                rules(in.get("ignore"), INBOUND_FIELDS), policy,
                desk == null || String.valueOf(desk).isBlank() ? null : String.valueOf(desk).trim());
    }

    /** True when this hub ticket is in the bridge's scope. */
    public boolean inScope(Ticket t) {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("group", single(t.group()));
        v.put("category", single(t.category()));
        v.put("ci", t.cis() == null ? List.of() : t.cis());
        v.put("approval_status", single(t.approvalStatus()));
        v.put("ticket_type", single(t.ticketType()));
        v.put("priority", single(t.priority()));
        v.put("status", single(t.status()));
        return include.stream().anyMatch(r -> r.matches(v)) && exclude.stream().noneMatch(r -> r.matches(v));
    }

    /** The ignore rule an inbound transaction matches (it is out of scope), or null. */
    public Rule ignored(QueueMessage m, JsonNode body) {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("transaction_type", single(m.transactionType()));
        v.put("ticket_type", single(text(body, "ticketType")));
        v.put("group", single(text(body, "group")));
        v.put("ensono_group", single(text(body, "ensonoGroup")));
        v.put("category", single(text(body, "category")));
        return ignore.stream().filter(r -> r.matches(v)).findFirst().orElse(null);
    }

    private static String text(JsonNode body, String field) {
        return body != null && body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static List<String> single(String s) {
        return s == null ? List.of() : List.of(s);
    }

    private static List<Rule> rules(Object o, Set<String> allowed) {
        List<Rule> rules = new ArrayList<>();
        if (!(o instanceof List<?> list)) {
            return rules;
        }
        for (Object item : list) {
            Map<String, List<Pattern>> fields = new LinkedHashMap<>();
            map(item).forEach((k, v) -> {
                if (!allowed.contains(k)) {
                    throw new IllegalArgumentException("unknown rule field '" + k + "'; allowed: " + allowed);
                }
                List<Pattern> patterns = new ArrayList<>();
                for (Object value : v instanceof List<?> l ? l : List.of(v)) {
                    patterns.add(glob(String.valueOf(value)));
                }
                fields.put(k, patterns);
            });
            if (!fields.isEmpty()) {
                rules.add(new Rule(fields, String.valueOf(item)));
            }
        }
        return rules;
    }

    static Pattern glob(String g) {
        List<String> parts = new ArrayList<>();
        for (String part : g.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
