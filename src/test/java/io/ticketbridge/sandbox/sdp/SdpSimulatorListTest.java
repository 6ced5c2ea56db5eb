package io.ticketbridge.sandbox.sdp;

import static io.ticketbridge.sandbox.sdp.SdpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SdpSimulatorListTest {

    private final TestClock clock = new TestClock(1_717_430_400_000L);
    private SdpSimulator sim;
    private SdpTestClient client;

    @BeforeEach
    void start() {
        sim = SdpSimulator.start(new SdpSimulator.Options().clock(clock));
        client = SdpTestClient.onPrem(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<String> createNumbered(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(client.create("{\"subject\":\"Ticket " + i + "\"}"));
            clock.advance(Duration.ofSeconds(1));
        }
        return ids;
    }

    private static List<String> ids(JsonNode listResponse) {
        List<String> ids = new ArrayList<>();
        listResponse.get("requests").forEach(request -> ids.add(request.get("id").asText()));
        return ids;
    }

    @Test
    void pagesThroughThreePagesWithHasMoreRowsAndTotalCount() {
        List<String> created = createNumbered(25);
        String listInfo = "{\"list_info\":{\"row_count\":10,\"start_index\":%d,\"sort_field\":\"created_time\","
                + "\"sort_order\":\"asc\",\"get_total_count\":true}}";

        SdpTestClient.Response first = client.get("/requests", listInfo.formatted(1));
        SdpTestClient.Response second = client.get("/requests", listInfo.formatted(11));
        SdpTestClient.Response third = client.get("/requests", listInfo.formatted(21));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("list_info")).isEqualTo(json("""
                {"has_more_rows":true,"row_count":10,"start_index":1,"sort_field":"created_time","sort_order":"asc",
                 "get_total_count":true,"total_count":25}"""));
        assertThat(first.json().get("response_status")).isEqualTo(json("[{\"status_code\":2000,\"status\":\"success\"}]"));
        assertThat(second.json().at("/list_info/has_more_rows").asBoolean()).isTrue();
        assertThat(third.json().get("list_info")).isEqualTo(json("""
                {"has_more_rows":false,"row_count":5,"start_index":21,"sort_field":"created_time","sort_order":"asc",
                 "get_total_count":true,"total_count":25}"""));
        List<String> all = new ArrayList<>(ids(first.json()));
        all.addAll(ids(second.json()));
        all.addAll(ids(third.json()));
        assertThat(all).containsExactlyElementsOf(created);
    }

    @Test
    void defaultsAreTenRowsNewestFirstWithoutTotalCount() {
        List<String> created = createNumbered(12);

        JsonNode page = client.get("/requests").json();

        assertThat(page.get("list_info")).isEqualTo(json("""
                {"has_more_rows":true,"row_count":10,"start_index":1,"sort_field":"created_time","sort_order":"desc"}"""));
        assertThat(ids(page).get(0)).isEqualTo(created.get(11));
    }

    @Test
    void rowCountOutsideOneToHundredIs4001() {
        SdpTestClient.Response response = client.get("/requests", "{\"list_info\":{\"row_count\":101}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/messages/0/field").asText()).isEqualTo("row_count");
        assertThat(client.get("/requests", "{\"list_info\":{\"row_count\":0}}").status()).isEqualTo(400);
        assertThat(client.get("/requests", "{\"list_info\":{\"sort_field\":\"color\"}}").status()).isEqualTo(400);
    }

    @Test
    void searchCriteriaIsMatchesAnyOfValues() {
        String open = client.create("{\"subject\":\"a\",\"status\":{\"name\":\"Open\"}}");
        String onHold = client.create("{\"subject\":\"b\",\"status\":{\"name\":\"On Hold\"}}");
        client.create("{\"subject\":\"c\",\"status\":{\"name\":\"Resolved\"}}");

        JsonNode page = client.get("/requests", """
                {"list_info":{"sort_field":"created_time","sort_order":"asc","search_criteria":
                 [{"field":"status.name","condition":"is","values":["Open","On Hold"]}]}}""").json();

        assertThat(ids(page)).containsExactly(open, onHold);
    }

    @Test
    void searchCriteriaContainsIgnoresCase() {
        String vpn = client.create("{\"subject\":\"VPN drops every 10 minutes\"}");
        client.create("{\"subject\":\"Printer jam\"}");

        JsonNode page = client.get("/requests",
                "{\"list_info\":{\"search_criteria\":{\"field\":\"subject\",\"condition\":\"contains\",\"value\":\"vpn\"}}}")
                .json();

        assertThat(ids(page)).containsExactly(vpn);
    }

    @Test
    void greaterThanOnLastUpdatedTimeFindsOnlyLaterChanges() {
        List<String> ids = createNumbered(4);
        long watermark = sim.request(ids.get(3)).at("/last_updated_time/value").asLong();
        clock.advance(Duration.ofMinutes(1));
        client.put("/requests/" + ids.get(1), "{\"request\":{\"priority\":{\"name\":\"High\"}}}");
        sim.addNoteDirect(ids.get(2), "notes do not count as request changes");

        JsonNode page = client.get("/requests", """
                {"list_info":{"search_criteria":[{"field":"last_updated_time","condition":"greater than",
                 "value":"%d"}]}}""".formatted(watermark)).json();

        assertThat(ids(page)).containsExactly(ids.get(1));
    }

    @Test
    void logicalOperatorOrAndChildGroups() {
        String high = client.create("{\"subject\":\"a\",\"priority\":{\"name\":\"High\"}}");
        String network = client.create("{\"subject\":\"b\",\"group\":{\"name\":\"Network Team\"}}");
        String lowOpenNetwork = client.create(
                "{\"subject\":\"c\",\"priority\":{\"name\":\"Low\"},\"group\":{\"name\":\"Network Team\"}}");
        client.create("{\"subject\":\"d\",\"priority\":{\"name\":\"Low\"}}");

        JsonNode either = client.get("/requests", """
                {"list_info":{"sort_field":"created_time","sort_order":"asc","search_criteria":[
                 {"field":"priority.name","condition":"is","value":"High"},
                 {"field":"group.name","condition":"is","value":"Network Team","logical_operator":"or"}]}}""").json();
        // A OR (B AND C): High, or (Low and Network Team)
        JsonNode grouped = client.get("/requests", """
                {"list_info":{"sort_field":"created_time","sort_order":"asc","search_criteria":[
                 {"field":"priority.name","condition":"is","value":"High"},
                 {"field":"priority.name","condition":"is","value":"Low","logical_operator":"OR","children":[
                   {"field":"group.name","condition":"is","value":"Network Team","logical_operator":"AND"}]}]}}""")
                .json();

        assertThat(ids(either)).containsExactly(high, network, lowOpenNetwork);
        assertThat(ids(grouped)).containsExactly(high, lowOpenNetwork);
    }

    @Test
    void shortConditionsAndUdfPathsAndSearchFields() {
        String first = client.create("{\"subject\":\"Disk full\",\"udf_fields\":{\"udf_sline_301\":\"EXT-42\"}}");
        clock.advance(Duration.ofSeconds(10));
        String second = client.create("{\"subject\":\"Disk slow\",\"udf_fields\":{\"udf_sline_301\":\"EXT-43\"}}");
        long secondCreated = sim.request(second).at("/created_time/value").asLong();

        assertThat(ids(client.get("/requests", """
                {"list_info":{"search_criteria":{"field":"udf_fields.udf_sline_301","condition":"eq","value":"EXT-42"}}}
                """).json())).containsExactly(first);
        assertThat(ids(client.get("/requests", """
                {"list_info":{"search_criteria":{"field":"created_time","condition":"lt","value":"%d"}}}
                """.formatted(secondCreated)).json())).containsExactly(first);
        assertThat(ids(client.get("/requests", """
                {"list_info":{"search_criteria":{"field":"created_time","condition":"gte","value":"%d"}}}
                """.formatted(secondCreated)).json())).containsExactly(second);
        assertThat(ids(client.get("/requests", """
                {"list_info":{"search_fields":{"subject":"slow"}}}""").json())).containsExactly(second);
        assertThat(ids(client.get("/requests", """
                {"list_info":{"search_criteria":{"field":"subject","condition":"is not","value":"disk full"}}}
                """).json())).containsExactly(second);
    }

    @Test
    void unknownConditionIs4001() {
        SdpTestClient.Response response = client.get("/requests",
                "{\"list_info\":{\"search_criteria\":{\"field\":\"subject\",\"condition\":\"sounds like\",\"value\":\"x\"}}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/messages/0/field").asText()).isEqualTo("condition");
    }

    @Test
    void sortsByPriorityInSeverityOrder() {
        String urgent = client.create("{\"subject\":\"u\",\"priority\":{\"name\":\"Urgent\"}}");
        String low = client.create("{\"subject\":\"l\",\"priority\":{\"name\":\"Low\"}}");
        String high = client.create("{\"subject\":\"h\",\"priority\":{\"name\":\"High\"}}");

        JsonNode page = client.get("/requests",
                "{\"list_info\":{\"sort_field\":\"priority\",\"sort_order\":\"desc\"}}").json();

        assertThat(ids(page)).containsExactly(urgent, high, low);
    }

    @Test
    void acceptsInputDataAsAFormBodyOnGet() {
        client.create("{\"subject\":\"one\"}");
        client.create("{\"subject\":\"two\"}");

        SdpTestClient.Response response = client.send(SdpTestClient.withForm(client.request("/requests"), "GET",
                "{\"list_info\":{\"row_count\":1,\"get_total_count\":true}}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/list_info/row_count").asInt()).isEqualTo(1);
        assertThat(response.json().at("/list_info/total_count").asInt()).isEqualTo(2);
    }
}
