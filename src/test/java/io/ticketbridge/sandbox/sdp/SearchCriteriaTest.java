package io.ticketbridge.sandbox.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SearchCriteriaTest {

    private static final JsonNode REQUEST = SdpTestClient.json("""
            {"id":"100000000000100001","subject":"VPN drops","status":{"id":"2","name":"Open"},
             "priority":{"id":"3","name":"High"},"technician":null,
             "last_updated_time":{"value":"1717430400000","display_value":"Jun 3, 2024 04:00 PM"},
             "udf_fields":{"udf_pick_5":["Red","Blue"]}}""");

    private static boolean matches(String criteria) {
        Predicate<JsonNode> predicate = SearchCriteria.compile(SdpTestClient.json(criteria));
        return predicate.test(REQUEST);
    }

    @Test
    void comparesDatetimesByEpochMillis() {
        assertThat(matches("{\"field\":\"last_updated_time\",\"condition\":\"greater than\",\"value\":\"1717430399999\"}"))
                .isTrue();
        assertThat(matches("{\"field\":\"last_updated_time\",\"condition\":\"gt\",\"value\":\"1717430400000\"}")).isFalse();
        assertThat(matches("{\"field\":\"last_updated_time\",\"condition\":\"gte\",\"value\":{\"value\":\"1717430400000\"}}"))
                .isTrue();
        // 9 < 10 numerically even though "9" > "10" as text
        assertThat(matches("{\"field\":\"priority.id\",\"condition\":\"lesser than\",\"value\":\"10\"}")).isTrue();
    }

    @Test
    void lookupObjectsCompareByIdOrName() {
        assertThat(matches("{\"field\":\"priority\",\"condition\":\"is\",\"value\":{\"id\":\"3\"}}")).isTrue();
        assertThat(matches("{\"field\":\"priority\",\"condition\":\"is\",\"value\":{\"name\":\"high\"}}")).isTrue();
        assertThat(matches("{\"field\":\"priority\",\"condition\":\"is not\",\"value\":{\"name\":\"High\"}}")).isFalse();
    }

    @Test
    void nullValuesAndArrays() {
        assertThat(matches("{\"field\":\"technician\",\"condition\":\"is\",\"value\":null}")).isTrue();
        assertThat(matches("{\"field\":\"udf_fields.udf_pick_5\",\"condition\":\"is\",\"value\":\"blue\"}")).isTrue();
        assertThat(matches("{\"field\":\"no.such.path\",\"condition\":\"contains\",\"value\":\"x\"}")).isFalse();
    }

    @Test
    void leftToRightChainWithGroups() {
        // false OR (true AND true) AND true
        assertThat(matches("""
                [{"field":"subject","condition":"is","value":"other"},
                 {"field":"status.name","condition":"is","value":"Open","logical_operator":"or",
                  "children":[{"field":"priority.name","condition":"is","value":"High","logical_operator":"and"}]},
                 {"field":"subject","condition":"starts with","value":"vpn","logical_operator":"and"}]""")).isTrue();
        // (true AND false) OR false
        assertThat(matches("""
                [{"field":"subject","condition":"contains","value":"vpn"},
                 {"field":"subject","condition":"ends with","value":"x","logical_operator":"and"},
                 {"field":"priority.name","condition":"is","value":"Low","logical_operator":"or"}]""")).isFalse();
    }

    @Test
    void rejectsUnknownOperators() {
        assertThatThrownBy(() -> matches("""
                [{"field":"subject","condition":"is","value":"x"},
                 {"field":"subject","condition":"is","value":"y","logical_operator":"xor"}]"""))
                .isInstanceOf(SdpApiException.class).hasMessageContaining("logical_operator");
    }
}
