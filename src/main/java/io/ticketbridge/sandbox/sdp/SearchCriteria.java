package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Compiles {@code list_info.search_criteria} into a predicate. Items combine left to right through each item's
 * {@code logical_operator} (the first item's is ignored); an item with {@code children} is a parenthesised group
 * "item OP child1 OP child2", which is how the vendor writes {@code A OR (B AND C)}.
 */
final class SearchCriteria {

    private SearchCriteria() {
    }

    static Predicate<JsonNode> compile(JsonNode criteria) {
        if (criteria == null || criteria.isNull()) {
            return request -> true;
        }
        if (criteria.isObject()) {
            return item(criteria);
        }
        if (!criteria.isArray()) {
            throw SdpApiException.invalidValue("search_criteria");
        }
        return chain(criteria);
    }

    private static Predicate<JsonNode> chain(JsonNode items) {
        Predicate<JsonNode> result = null;
        for (JsonNode item : items) {
            Predicate<JsonNode> next = item(item);
            result = result == null ? next : combine(result, item, next);
        }
        return result == null ? request -> true : result;
    }

    private static Predicate<JsonNode> item(JsonNode item) {
        if (!item.isObject()) {
            throw SdpApiException.invalidValue("search_criteria");
        }
        Predicate<JsonNode> result = item.hasNonNull("field") ? condition(item) : null;
        JsonNode children = item.get("children");
        if (children != null && children.isArray()) {
            for (JsonNode child : children) {
                Predicate<JsonNode> next = item(child);
                result = result == null ? next : combine(result, child, next);
            }
        }
        if (result == null) {
            throw SdpApiException.mandatoryMissing("field");
        }
        return result;
    }

    private static Predicate<JsonNode> combine(Predicate<JsonNode> left, JsonNode item, Predicate<JsonNode> right) {
        String operator = Json.text(item.get("logical_operator"));
        if (operator == null || "and".equalsIgnoreCase(operator)) {
            return left.and(right);
        }
        if ("or".equalsIgnoreCase(operator)) {
            return left.or(right);
        }
        throw SdpApiException.invalidValue("logical_operator");
    }

    private static Predicate<JsonNode> condition(JsonNode item) {
        String field = item.get("field").asText();
        String condition = Json.text(item.get("condition"));
        List<JsonNode> values = new ArrayList<>();
        if (item.has("values") && item.get("values").isArray()) {
            item.get("values").forEach(values::add);
        } else {
            values.add(item.get("value"));
        }
        String op = condition == null ? "is" : condition.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (op) {
            case "is": case "eq": case "equals": case "=":
                return request -> values.stream().anyMatch(v -> test(request, field, v, SearchCriteria::same));
            case "is not": case "neq": case "not equals": case "!=":
                return request -> values.stream().noneMatch(v -> test(request, field, v, SearchCriteria::same));
            case "contains": case "like":
                return request -> values.stream().anyMatch(v -> test(request, field, v, SearchCriteria::contains));
            case "not contains": case "does not contain":
                return request -> values.stream().noneMatch(v -> test(request, field, v, SearchCriteria::contains));
            case "starts with":
                return request -> values.stream().anyMatch(v -> test(request, field, v, (a, b) -> a != null
                        && b != null && a.toLowerCase(Locale.ROOT).startsWith(b.toLowerCase(Locale.ROOT))));
            case "ends with":
                return request -> values.stream().anyMatch(v -> test(request, field, v, (a, b) -> a != null
                        && b != null && a.toLowerCase(Locale.ROOT).endsWith(b.toLowerCase(Locale.ROOT))));
            case "greater than": case "gt": case ">":
                return ordered(field, values.get(0), c -> c > 0);
            case "greater or equal": case "greater than or equal": case "gte": case ">=":
                return ordered(field, values.get(0), c -> c >= 0);
            case "lesser than": case "less than": case "lt": case "<":
                return ordered(field, values.get(0), c -> c < 0);
            case "lesser or equal": case "less than or equal": case "lte": case "<=":
                return ordered(field, values.get(0), c -> c <= 0);
            case "between":
                if (values.size() != 2) {
                    throw SdpApiException.invalidValue("values");
                }
                return ordered(field, values.get(0), c -> c >= 0).and(ordered(field, values.get(1), c -> c <= 0));
            default:
                throw SdpApiException.invalidValue("condition");
        }
    }

    private static Predicate<JsonNode> ordered(String field, JsonNode value,
                                               java.util.function.IntPredicate accept) {
        return request -> test(request, field, value,
                (actual, wanted) -> actual != null && wanted != null && accept.test(FieldValue.compare(actual, wanted)));
    }

    /**
     * Applies a comparison to the field's value and the criterion's value. A criterion value given as an object
     * ({@code {"id":"3"}}, {@code {"name":"High"}}, {@code {"value":"<ms>"}}) compares that key of the field.
     */
    private static boolean test(JsonNode request, String field, JsonNode wanted, BiPredicate<String, String> check) {
        String key = null;
        if (wanted != null && wanted.isObject()) {
            key = wanted.hasNonNull("id") ? "id" : wanted.hasNonNull("name") ? "name" : "value";
        }
        String expected = FieldValue.scalar(wanted, key);
        JsonNode actual = FieldValue.at(request, field);
        if (actual != null && actual.isArray()) {
            for (JsonNode element : actual) {
                if (check.test(FieldValue.scalar(element, key), expected)) {
                    return true;
                }
            }
            return false;
        }
        return check.test(FieldValue.scalar(actual, key), expected);
    }

    private static boolean same(String actual, String expected) {
        if (actual == null || expected == null) {
            return actual == null && expected == null;
        }
        return FieldValue.compare(actual, expected) == 0;
    }

    private static boolean contains(String actual, String expected) {
        return actual != null && expected != null
                && actual.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT));
    }
}
