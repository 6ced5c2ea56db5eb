package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code list_info} for list endpoints: filter ({@code search_criteria}, {@code search_fields}), sort, page.
 * The response's {@code row_count} is the number of rows actually returned, so the last page reports fewer.
 */
final class ListQuery {

    /** Which fields a list may sort on, and its order when the client names none. */
    record Spec(Set<String> sortable, String defaultSortField, String defaultSortOrder) {
    }

    record Page(ArrayNode items, ObjectNode listInfo) {
    }

    private static final int DEFAULT_ROW_COUNT = 10;
    private static final int MAX_ROW_COUNT = 100;

    private final int rowCount;
    private final int startIndex;
    private final String sortField;
    private final String sortOrder;
    private final boolean totalCount;
    private final Predicate<JsonNode> filter;
    private final JsonNode fieldsRequired;

    private ListQuery(JsonNode listInfo, Spec spec) {
        rowCount = intOption(listInfo, "row_count", DEFAULT_ROW_COUNT, 1, MAX_ROW_COUNT);
        startIndex = intOption(listInfo, "start_index", 1, 1, Integer.MAX_VALUE);
        sortField = listInfo.hasNonNull("sort_field") ? listInfo.get("sort_field").asText() : spec.defaultSortField();
        if (!spec.sortable().contains(sortField)) {
            throw SdpApiException.invalidValue("sort_field");
        }
        sortOrder = listInfo.hasNonNull("sort_order") ? listInfo.get("sort_order").asText().toLowerCase(java.util.Locale.ROOT)
                : spec.defaultSortOrder();
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw SdpApiException.invalidValue("sort_order");
        }
        JsonNode total = listInfo.get("get_total_count");
        if (total != null && !total.isNull() && !total.isBoolean()) {
            throw SdpApiException.invalidValue("get_total_count");
        }
        totalCount = total != null && total.asBoolean();
        filter = SearchCriteria.compile(listInfo.get("search_criteria")).and(searchFields(listInfo.get("search_fields")));
        fieldsRequired = listInfo.get("fields_required");
    }

    /** Reads {@code input_data.list_info}; absent input means all defaults. */
    static ListQuery from(ObjectNode inputData, Spec spec) {
        JsonNode listInfo = inputData == null ? null : inputData.get("list_info");
        if (listInfo != null && !listInfo.isNull() && !listInfo.isObject()) {
            throw SdpApiException.invalidValue("list_info");
        }
        return new ListQuery(listInfo == null || listInfo.isNull() ? Json.object() : listInfo, spec);
    }

    /** Filters, sorts and pages {@code rows} (not modified); the page holds copies, so live nodes may be passed. */
    Page apply(Collection<? extends JsonNode> rows) {
        // Sort keys are computed once per row rather than on every comparison.
        Comparator<Keyed> order = Comparator.comparing(Keyed::key, FieldValue.keyOrder("desc".equals(sortOrder)))
                .thenComparing(Keyed::id, FieldValue.keyOrder(false));
        List<Keyed> matching = rows.stream().filter(filter)
                .map(row -> new Keyed(row, FieldValue.sortKey(row, sortField), FieldValue.sortKey(row, "id")))
                .sorted(order).collect(Collectors.toList());
        int from = Math.min(startIndex - 1, matching.size());
        int to = Math.min(from + rowCount, matching.size());
        ArrayNode items = Json.array();
        matching.subList(from, to).forEach(keyed -> items.add(project(keyed.row())));
        ObjectNode info = Json.object();
        info.put("has_more_rows", to < matching.size());
        info.put("row_count", items.size());
        info.put("start_index", startIndex);
        info.put("sort_field", sortField);
        info.put("sort_order", sortOrder);
        if (totalCount) {
            info.put("get_total_count", true);
            info.put("total_count", matching.size());
        }
        return new Page(items, info);
    }

    private record Keyed(JsonNode row, FieldValue.SortKey key, FieldValue.SortKey id) {
    }

    private JsonNode project(JsonNode row) {
        if (fieldsRequired == null || !fieldsRequired.isArray() || !row.isObject()) {
            return row.deepCopy();
        }
        ObjectNode projected = Json.object();
        projected.set("id", row.get("id").deepCopy());
        fieldsRequired.forEach(field -> {
            if (row.has(field.asText())) {
                projected.set(field.asText(), row.get(field.asText()).deepCopy());
            }
        });
        return projected;
    }

    private static Predicate<JsonNode> searchFields(JsonNode searchFields) {
        if (searchFields == null || searchFields.isNull()) {
            return row -> true;
        }
        if (!searchFields.isObject()) {
            throw SdpApiException.invalidValue("search_fields");
        }
        ObjectNode criteria = Json.object();
        ArrayNode children = criteria.putArray("children");
        for (Map.Entry<String, JsonNode> entry : searchFields.properties()) {
            ObjectNode child = children.addObject();
            child.put("field", entry.getKey());
            child.put("condition", "contains");
            child.set("value", entry.getValue());
            child.put("logical_operator", "and");
        }
        return children.isEmpty() ? row -> true : SearchCriteria.compile(criteria);
    }

    /** Accepts JSON numbers and numeric strings (clients differ); out of range is 4001 on that key. */
    private static int intOption(JsonNode listInfo, String key, int fallback, int min, int max) {
        JsonNode node = listInfo.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        long value;
        if (node.isIntegralNumber()) {
            value = node.asLong();
        } else if (node.isTextual() && node.asText().trim().matches("-?\\d{1,10}")) {
            value = Long.parseLong(node.asText().trim());
        } else {
            throw SdpApiException.invalidValue(key);
        }
        if (value < min || value > max) {
            throw SdpApiException.invalidValue(key);
        }
        return (int) value;
    }
}
