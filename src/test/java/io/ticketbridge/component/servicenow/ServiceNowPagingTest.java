package io.ticketbridge.component.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * listTickets: the query object as the first page's parameters, then every Link rel="next" URL
 * exactly as given (short and empty pages do not end the list), bounded by maxRows, on the
 * configured instance only.
 */
class ServiceNowPagingTest {

    static final String TABLE = "/api/now/table/incident";
    static final String QUERY = "{\"sysparm_query\":\"sys_updated_on>=2024-06-03 10:00:00^ORDERBYsys_updated_on"
            + "^ORDERBYsys_id\",\"sysparm_limit\":3,\"sysparm_fields\":\"sys_id,number\"}";
    final SnTestBed bed = new SnTestBed();
    final SnStub stub = bed.stub;

    @AfterEach
    void verifyAndClose() {
        try {
            stub.verify();
        } finally {
            bed.close();
        }
    }

    static String page(String... ids) {
        StringBuilder b = new StringBuilder("{\"result\":[");
        for (int i = 0; i < ids.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"sys_id\":\"").append(ids[i]).append("\"}");
        }
        return b.append("]}").toString();
    }

    Map<String, String> next(String pathAndQuery) {
        return Map.of("Link", "<" + stub.baseUrl() + pathAndQuery + ">;rel=\"next\",<" + stub.baseUrl() + TABLE
                + "?sysparm_offset=0&sysparm_limit=3>;rel=\"first\"");
    }

    static List<String> ids(String answer) {
        List<String> out = new ArrayList<>();
        Json.read(answer).path("result").forEach(r -> out.add(r.path("sys_id").asText()));
        return out;
    }

    @Test
    void theFirstPageCarriesTheQueryObjectAsItsParameters() {
        stub.expect("GET", TABLE, 200, page("a"));
        bed.ok("listTickets", QUERY, Map.of());
        assertThat(stub.request(0).rawQuery()).isEqualTo("sysparm_query=sys_updated_on%3E%3D2024-06-03%2010%3A00%3A00"
                + "%5EORDERBYsys_updated_on%5EORDERBYsys_id&sysparm_fields=sys_id%2Cnumber&sysparm_display_value=all"
                + "&sysparm_limit=3");
    }

    @Test
    void shortAndEmptyPagesDoNotEndTheListOnlyAMissingNextLinkDoes() {
        // sysparm_limit is applied before ACLs: a page can be short or empty while more records follow
        stub.expect("GET", TABLE, 200, next(TABLE + "?sysparm_offset=3&sysparm_limit=3&sysparm_query=x%5Ey"), page("a", "b"));
        stub.expect("GET", TABLE, 200, next(TABLE + "?sysparm_offset=6&sysparm_limit=3&sysparm_query=x%5Ey"), page());
        stub.expect("GET", TABLE, 200, next(TABLE + "?sysparm_offset=9&sysparm_limit=3&sysparm_query=x%5Ey"), page("c"));
        stub.expect("GET", TABLE, 200, page("d", "e", "f"));
        String out = bed.ok("listTickets", QUERY, Map.of());
        assertThat(ids(out)).containsExactly("a", "b", "c", "d", "e", "f");
        // each next URL exactly as given: the first page's parameters are not sent again
        assertThat(stub.requests()).extracting(SnStub.Request::rawQuery).containsExactly(
                stub.request(0).rawQuery(),
                "sysparm_offset=3&sysparm_limit=3&sysparm_query=x%5Ey",
                "sysparm_offset=6&sysparm_limit=3&sysparm_query=x%5Ey",
                "sysparm_offset=9&sysparm_limit=3&sysparm_query=x%5Ey");
        assertThat(stub.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(SnTestBed.basicHeader()));
    }

    @Test
    void aNextLinkWithCommasInItsUrlAndTheSpacedRelFormIsReadWhole() {
        Map<String, String> link = Map.of("Link", "<" + stub.baseUrl() + TABLE + "?sysparm_fields=sys_id,number"
                + "&sysparm_offset=3>; rel=next, <" + stub.baseUrl() + TABLE + "?sysparm_offset=0>; rel=\"first\"");
        stub.expect("GET", TABLE, 200, link, page("a"));
        stub.expect("GET", TABLE, 200, page("b"));
        assertThat(ids(bed.ok("listTickets", QUERY, Map.of()))).containsExactly("a", "b");
        assertThat(stub.request(1).rawQuery()).isEqualTo("sysparm_fields=sys_id,number&sysparm_offset=3");
    }

    @Test
    void aRelativeNextLinkAndARawCaretAreFollowed() {
        stub.expect("GET", TABLE, 200, Map.of("Link", "<" + TABLE + "?sysparm_offset=3&sysparm_query=a=1^b=2>;rel=\"next\""),
                page("a"));
        stub.expect("GET", TABLE, 200, page("b"));
        assertThat(ids(bed.ok("listTickets", QUERY, Map.of()))).containsExactly("a", "b");
        assertThat(stub.request(1).rawQuery()).isEqualTo("sysparm_offset=3&sysparm_query=a=1%5Eb=2");
    }

    @Test
    void maxRowsBoundsTheList() {
        stub.expect("GET", TABLE, 200, next(TABLE + "?sysparm_offset=3"), page("a", "b", "c"));
        stub.expect("GET", TABLE, 200, next(TABLE + "?sysparm_offset=6"), page("d", "e", "f"));
        String out = bed.ok("listTickets?maxRows=4", QUERY, Map.of());
        assertThat(ids(out)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aNextLinkToAnotherHostIsRefusedAndNotFollowed() {
        stub.expect("GET", TABLE, 200, Map.of("Link", "<https://attacker.example.com" + TABLE
                + "?sysparm_offset=3>;rel=\"next\""), page("a"));
        Exception e = bed.failure("listTickets", QUERY, Map.of());
        assertThat(e).isInstanceOf(ServiceNowRejectedException.class).hasMessageContaining("attacker.example.com");
        assertThat(((ServiceNowRejectedException) e).reason()).isEqualTo(ServiceNowRejectedException.Reason.FOREIGN_LINK);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aNextLinkOnAnotherPortOrOutsideTheApiIsRefusedToo() {
        stub.expect("GET", TABLE, 200, Map.of("Link", "<http://127.0.0.1:1" + TABLE + ">;rel=\"next\""), page("a"));
        assertThat(bed.failure("listTickets", QUERY, Map.of())).isInstanceOf(ServiceNowRejectedException.class);
        stub.expect("GET", TABLE, 200, Map.of("Link", "</logout.do>;rel=\"next\""), page("a"));
        assertThat(bed.failure("listTickets", QUERY, Map.of())).isInstanceOf(ServiceNowRejectedException.class);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void aNextLinkBackToAPageAlreadyReadStopsTheLoop() {
        stub.expect("GET", TABLE, 200, next(TABLE + "?sysparm_offset=3"), page("a"));
        stub.expect("GET", TABLE, 200, next(TABLE + "?sysparm_offset=3"), page("b"));
        assertThat(bed.failure("listTickets", QUERY, Map.of())).isInstanceOf(DeskRejectedException.class)
                .hasMessageContaining("loop");
    }

    @Test
    void theQueryMayNameTheTableAndItsDisplayValueButNothingUnknown() {
        stub.expect("GET", "/api/now/table/change_request", 200, page());
        bed.ok("listTickets", "{\"table\":\"change_request\",\"sysparm_query\":\"active=true\","
                + "\"sysparm_display_value\":\"false\"}", Map.of());
        assertThat(stub.request(0).rawQuery()).isEqualTo("sysparm_query=active%3Dtrue&sysparm_display_value=false"
                + "&sysparm_limit=100");
        assertThat(bed.failure("listTickets", "{\"sysparm_order\":5}", Map.of())).hasMessageContaining("unknown key");
        assertThat(bed.failure("listTickets", "{\"sysparm_limit\":0}", Map.of())).hasMessageContaining("sysparm_limit");
    }

    @Test
    void anEmptyResultIsAnEmptyList() {
        stub.expect("GET", TABLE, 200, page());
        JsonNode out = Json.read(bed.ok("listTickets", "{}", Map.of()));
        assertThat(out).isEqualTo(Json.read("{\"result\":[]}"));
    }

    @Test
    void listCommentsPagesTheSameWay() {
        stub.expect("GET", ServiceNowActivity.JOURNAL, 200, next(ServiceNowActivity.JOURNAL + "?sysparm_offset=100"),
                page());
        stub.expect("GET", ServiceNowActivity.JOURNAL, 200, page("j1"));
        assertThat(ids(bed.ok("listComments", null, SnTestBed.record(SnTestBed.INC)))).containsExactly("j1");
    }
}
