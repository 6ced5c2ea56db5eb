package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.fields;
import static io.ticketbridge.sandbox.servicenow.SnClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.sandbox.support.SimClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sysparm_fields, sysparm_display_value (false, true, all) and sysparm_exclude_reference_link. */
class ServiceNowDisplayValueTest {

    private static final String FIELDS = "sysparm_fields=number,state,assignment_group,caller_id,assigned_to";

    private final ServiceNowSimulator sim = ServiceNowSimulator.builder()
            .clock(SimClock.fixed(Instant.parse("2024-06-03T10:00:00Z"))).start();
    private final SnClient client = SnClient.basic(sim);
    private final String group = ServiceNowSimulator.groupSysId("DevOps Team");
    private final String abel = ServiceNowSimulator.userSysId("abel.tuter");
    private String id;

    @BeforeEach
    void seed() {
        id = sim.createDirect("incident", fields("short_description", "x", "state", "2",
                "assignment_group", "DevOps Team", "caller_id", "abel.tuter"));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String link(String table, String sysId) {
        return sim.baseUrl() + "/api/now/table/" + table + "/" + sysId;
    }

    @Test
    void sysparmFieldsReturnsOnlyTheNamedFieldsAndIgnoresUnknownOnes() {
        SnClient.Response response = client.get("/api/now/table/incident/" + id
                + "?sysparm_fields=number,short_description,no_such_field,assignment_group.name");

        assertThat(response.result()).isEqualTo(json(
                "{\"number\":\"INC0010001\",\"short_description\":\"x\",\"assignment_group.name\":\"DevOps Team\"}"));
    }

    @Test
    void defaultValuesWithReferenceLinks() {
        SnClient.Response response = client.get("/api/now/table/incident/" + id + "?" + FIELDS);

        assertThat(response.result()).isEqualTo(json("{\"number\":\"INC0010001\",\"state\":\"2\","
                + "\"assignment_group\":{\"link\":\"" + link("sys_user_group", group) + "\",\"value\":\"" + group + "\"},"
                + "\"caller_id\":{\"link\":\"" + link("sys_user", abel) + "\",\"value\":\"" + abel + "\"},"
                + "\"assigned_to\":\"\"}"));
    }

    @Test
    void excludeReferenceLinkGivesBareSysIds() {
        SnClient.Response response = client.get("/api/now/table/incident/" + id + "?" + FIELDS
                + "&sysparm_exclude_reference_link=true");

        assertThat(response.result()).isEqualTo(json("{\"number\":\"INC0010001\",\"state\":\"2\","
                + "\"assignment_group\":\"" + group + "\",\"caller_id\":\"" + abel + "\",\"assigned_to\":\"\"}"));
    }

    @Test
    void displayValueTrueShowsLabelsAndNames() {
        SnClient.Response response = client.get("/api/now/table/incident/" + id + "?" + FIELDS
                + "&sysparm_display_value=true");
        SnClient.Response bare = client.get("/api/now/table/incident/" + id + "?" + FIELDS
                + "&sysparm_display_value=true&sysparm_exclude_reference_link=true");

        assertThat(response.result()).isEqualTo(json("{\"number\":\"INC0010001\",\"state\":\"In Progress\","
                + "\"assignment_group\":{\"display_value\":\"DevOps Team\",\"link\":\"" + link("sys_user_group", group)
                + "\"},\"caller_id\":{\"display_value\":\"Abel Tuter\",\"link\":\"" + link("sys_user", abel) + "\"},"
                + "\"assigned_to\":\"\"}"));
        assertThat(bare.result()).isEqualTo(json("{\"number\":\"INC0010001\",\"state\":\"In Progress\","
                + "\"assignment_group\":\"DevOps Team\",\"caller_id\":\"Abel Tuter\",\"assigned_to\":\"\"}"));
    }

    @Test
    void displayValueAllGivesBothForEveryField() {
        SnClient.Response response = client.get("/api/now/table/incident?" + FIELDS + "&sysparm_display_value=all");

        assertThat(response.result().get(0)).isEqualTo(json("{"
                + "\"number\":{\"display_value\":\"INC0010001\",\"value\":\"INC0010001\"},"
                + "\"state\":{\"display_value\":\"In Progress\",\"value\":\"2\"},"
                + "\"assignment_group\":{\"display_value\":\"DevOps Team\",\"link\":\"" + link("sys_user_group", group)
                + "\",\"value\":\"" + group + "\"},"
                + "\"caller_id\":{\"display_value\":\"Abel Tuter\",\"link\":\"" + link("sys_user", abel)
                + "\",\"value\":\"" + abel + "\"},"
                + "\"assigned_to\":{\"display_value\":\"\",\"value\":\"\"}}"));
    }

    @Test
    void changeRequestChoicesHaveTheirLabels() {
        String change = sim.createDirect("change_request", fields("type", "emergency", "risk", "2", "state", "-3"));

        SnClient.Response response = client.get("/api/now/table/change_request/" + change
                + "?sysparm_fields=type,risk,state,impact&sysparm_display_value=true");

        assertThat(response.result()).isEqualTo(json(
                "{\"type\":\"Emergency\",\"risk\":\"High\",\"state\":\"Authorize\",\"impact\":\"3 - Low\"}"));
    }
}
