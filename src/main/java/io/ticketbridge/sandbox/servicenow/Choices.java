package io.ticketbridge.sandbox.servicenow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Choice lists (value to label) per table and column: what {@code sys_choice} holds, what display values show and
 * what the close-code check accepts. Only the incident close codes vary per instance (connectors.md 6.3: they
 * differ by release, so the client must read them from {@code sys_choice}).
 */
final class Choices {

    /** Field labels used in data-policy messages. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("incident.close_code", "Resolution code"), Map.entry("incident.close_notes", "Resolution notes"),
            Map.entry("incident.hold_reason", "On hold reason"), Map.entry("incident.state", "State"),
            Map.entry("change_request.close_code", "Close code"),
            Map.entry("change_request.close_notes", "Close notes"),
            Map.entry("change_request.assignment_group", "Assignment group"),
            Map.entry("change_request.type", "Type"), Map.entry("change_request.state", "State"));

    private final Map<String, Map<String, Map<String, String>>> tables = new LinkedHashMap<>();

    Choices(List<String> incidentCloseCodes) {
        String[] impact = {"1", "1 - High", "2", "2 - Medium", "3", "3 - Low"};
        String[] priority = {"1", "1 - Critical", "2", "2 - High", "3", "3 - Moderate", "4", "4 - Low", "5",
                "5 - Planning"};
        String[] incidentState = {"1", "New", "2", "In Progress", "3", "On Hold", "6", "Resolved", "7", "Closed",
                "8", "Canceled"};
        add(Tables.INCIDENT, "state", incidentState);
        add(Tables.INCIDENT, "incident_state", incidentState);
        add(Tables.INCIDENT, "impact", impact);
        add(Tables.INCIDENT, "urgency", impact);
        add(Tables.INCIDENT, "priority", priority);
        add(Tables.INCIDENT, "hold_reason", "1", "Awaiting Caller", "3", "Awaiting Problem", "4", "Awaiting Vendor",
                "5", "Awaiting Change");
        add(Tables.INCIDENT, "category", "inquiry", "Inquiry / Help", "software", "Software", "hardware",
                "Hardware", "network", "Network", "database", "Database");
        add(Tables.INCIDENT, "contact_type", "email", "Email", "phone", "Phone", "self-service", "Self-service",
                "walk-in", "Walk-in");
        List<String> codes = new ArrayList<>();
        incidentCloseCodes.forEach(code -> {
            codes.add(code);
            codes.add(code);
        });
        add(Tables.INCIDENT, "close_code", codes.toArray(String[]::new));
        add(Tables.CHANGE, "state", "-5", "New", "-4", "Assess", "-3", "Authorize", "-2", "Scheduled", "-1",
                "Implement", "0", "Review", "3", "Closed", "4", "Canceled");
        add(Tables.CHANGE, "type", "standard", "Standard", "normal", "Normal", "emergency", "Emergency");
        add(Tables.CHANGE, "risk", "1", "Very High", "2", "High", "3", "Moderate", "4", "Low");
        add(Tables.CHANGE, "impact", impact);
        add(Tables.CHANGE, "urgency", impact);
        add(Tables.CHANGE, "priority", priority);
        add(Tables.CHANGE, "close_code", "successful", "Successful", "successful_issues", "Successful with issues",
                "unsuccessful", "Unsuccessful");
        add(Tables.CHANGE, "approval", "not requested", "Not Yet Requested", "requested", "Requested", "approved",
                "Approved", "rejected", "Rejected");
        add(Tables.CHANGE, "category", "Hardware", "Hardware", "Software", "Software", "Service", "Service",
                "Network", "Network", "Other", "Other");
    }

    private void add(String table, String element, String... valueLabelPairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < valueLabelPairs.length; i += 2) {
            values.put(valueLabelPairs[i], valueLabelPairs[i + 1]);
        }
        tables.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(element, values);
    }

    boolean isChoice(String table, String element) {
        return tables.getOrDefault(table, Map.of()).containsKey(element);
    }

    /** The label of a value; the value itself when it is not in the list (ServiceNow shows unknown values as-is). */
    String label(String table, String element, String value) {
        Map<String, String> values = tables.getOrDefault(table, Map.of()).get(element);
        return values == null ? value : values.getOrDefault(value, value);
    }

    Set<String> values(String table, String element) {
        return tables.getOrDefault(table, Map.of()).getOrDefault(element, Map.of()).keySet();
    }

    /** The value whose label is {@code label}, or null (name-value filters accept labels: {@code &state=Closed}). */
    String valueOfLabel(String table, String element, String label) {
        for (Map.Entry<String, String> e : tables.getOrDefault(table, Map.of()).getOrDefault(element, Map.of())
                .entrySet()) {
            if (e.getValue().equalsIgnoreCase(label)) {
                return e.getKey();
            }
        }
        return null;
    }

    static String fieldLabel(String table, String element) {
        return LABELS.getOrDefault(table + "." + element, element);
    }

    /** {@code sys_choice} rows: name, element, value, label, sequence. */
    List<Map<String, String>> rows() {
        List<Map<String, String>> rows = new ArrayList<>();
        tables.forEach((table, elements) -> elements.forEach((element, values) -> {
            int sequence = 0;
            for (Map.Entry<String, String> e : values.entrySet()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("name", table);
                row.put("element", element);
                row.put("value", e.getKey());
                row.put("label", e.getValue());
                row.put("sequence", Integer.toString(sequence++));
                rows.add(row);
            }
        }));
        return rows;
    }
}
