package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.sandbox.support.SimClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceNowRecordsTest {

    private static final String NOT_FOUND = """
            {"error":{"message":"No Record found","detail":"Record doesn't exist or ACL restricts the record retrieval"},
             "status":"failure"}""";

    private final SimClock clock = SimClock.fixed(Instant.parse("2024-06-03T10:00:00Z"));
    private final ServiceNowSimulator sim = ServiceNowSimulator.builder().clock(clock).seed(7).start();
    private final SnClient client = SnClient.basic(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void createAnswers201WithLocationAndAGeneratedRecord() {
        SnClient.Response created = client.post("/api/now/table/incident", """
                {"short_description":"Printer on fire","urgency":"2","impact":"2","correlation_id":"EXT-42",
                 "caller_id":"abel.tuter","assignment_group":"IT Support","no_such_field":"x"}""");

        assertThat(created.status()).isEqualTo(201);
        String sysId = created.result().get("sys_id").asText();
        assertThat(sysId).matches("[0-9a-f]{32}");
        assertThat(created.header("Location")).isEqualTo(sim.baseUrl() + "/api/now/table/incident/" + sysId);
        assertThat(created.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        var result = created.result();
        assertThat(result.get("number").asText()).isEqualTo("INC0010001");
        assertThat(result.get("state").asText()).isEqualTo("1");
        assertThat(result.get("priority").asText()).isEqualTo("3");
        assertThat(result.get("sys_created_on").asText()).isEqualTo("2024-06-03 10:00:00");
        assertThat(result.get("sys_updated_on").asText()).isEqualTo("2024-06-03 10:00:00");
        assertThat(result.get("sys_mod_count").asText()).isEqualTo("0");
        assertThat(result.get("sys_created_by").asText()).isEqualTo("ticketbridge.integration");
        assertThat(result.get("correlation_id").asText()).isEqualTo("EXT-42");
        assertThat(result.has("no_such_field")).isFalse();
        String abel = ServiceNowSimulator.userSysId("abel.tuter");
        assertThat(result.get("caller_id")).isEqualTo(json("{\"link\":\"" + sim.baseUrl()
                + "/api/now/table/sys_user/" + abel + "\",\"value\":\"" + abel + "\"}"));
        assertThat(result.get("assignment_group").get("value").asText())
                .isEqualTo(ServiceNowSimulator.groupSysId("IT Support"));
        assertThat(client.createIncident("{\"short_description\":\"second\"}")).isNotEqualTo(sysId);
        assertThat(sim.records("incident")).extracting(r -> r.get("number")).containsExactly("INC0010001", "INC0010002");
    }

    @Test
    void changeRequestsAreNumberedFromCHG0030001() {
        SnClient.Response created = client.post("/api/now/table/change_request",
                "{\"short_description\":\"Deploy v2\",\"type\":\"normal\",\"risk\":\"2\",\"impact\":\"2\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.result().get("number").asText()).isEqualTo("CHG0030001");
        assertThat(created.result().get("state").asText()).isEqualTo("-5");
        assertThat(created.result().get("risk").asText()).isEqualTo("2");
    }

    @Test
    void putAndPatchBothMergeAndBumpModCountOnlyWhenSomethingChanges() {
        String id = client.createIncident("{\"short_description\":\"a\",\"description\":\"keep me\"}");
        clock.advance(Duration.ofMinutes(5));

        SnClient.Response patched = client.patch("/api/now/table/incident/" + id, "{\"short_description\":\"b\"}");
        SnClient.Response put = client.put("/api/now/table/incident/" + id, "{\"urgency\":\"1\"}");
        clock.advance(Duration.ofMinutes(5));
        SnClient.Response unchanged = client.patch("/api/now/table/incident/" + id, "{\"urgency\":\"1\"}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.result().get("sys_updated_on").asText()).isEqualTo("2024-06-03 10:05:00");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.result().get("short_description").asText()).isEqualTo("b");
        assertThat(put.result().get("description").asText()).isEqualTo("keep me");
        assertThat(put.result().get("priority").asText()).isEqualTo("3");
        assertThat(put.result().get("sys_mod_count").asText()).isEqualTo("2");
        assertThat(unchanged.result().get("sys_mod_count").asText()).isEqualTo("2");
        assertThat(unchanged.result().get("sys_updated_on").asText()).isEqualTo("2024-06-03 10:05:00");
    }

    @Test
    void getByIdAndDeleteAnswer200Then204Then404() {
        String id = client.createIncident("{\"short_description\":\"a\"}");

        assertThat(client.get("/api/now/table/incident/" + id).result().get("sys_id").asText()).isEqualTo(id);
        SnClient.Response deleted = client.delete("/api/now/table/incident/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        SnClient.Response missing = client.get("/api/now/table/incident/" + id);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).isEqualTo(json(NOT_FOUND));
        assertThat(client.delete("/api/now/table/incident/" + id).status()).isEqualTo(404);
        assertThat(client.patch("/api/now/table/incident/" + id, "{}").json()).isEqualTo(json(NOT_FOUND));
    }

    @Test
    void versionedPathsServeTheSameTables() {
        String id = client.createIncident("{\"short_description\":\"a\"}");

        assertThat(client.get("/api/now/v2/table/incident/" + id).status()).isEqualTo(200);
        assertThat(client.get("/api/now/v1/table/incident?sysparm_limit=1").result()).hasSize(1);
    }

    @Test
    void unknownTableBadJsonWrongMethodAndUnknownPathAreServiceNowErrors() {
        SnClient.Response table = client.get("/api/now/table/incidentx");
        SnClient.Response badJson = client.post("/api/now/table/incident", "{\"short_description\":");
        SnClient.Response notObject = client.post("/api/now/table/incident", "[1]");
        SnClient.Response method = client.put("/api/now/table/incident", "{}");
        SnClient.Response path = client.get("/api/now/nothing/here");

        assertThat(table.status()).isEqualTo(400);
        assertThat(table.json()).isEqualTo(json(
                "{\"error\":{\"message\":\"Invalid table incidentx\",\"detail\":null},\"status\":\"failure\"}"));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json()).isEqualTo(json("""
                {"error":{"message":"Exception while reading request","detail":"The payload is not valid JSON."},
                 "status":"failure"}"""));
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json()).isEqualTo(json("""
                {"error":{"message":"Method not Supported","detail":"PUT method not supported for API"},
                 "status":"failure"}"""));
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.json()).isEqualTo(json("""
                {"error":{"message":"Requested URI does not represent any resource","detail":null},
                 "status":"failure"}"""));
    }

    @Test
    void missingAcceptOrContentTypeIs400AndXmlIs406Or415() {
        var noAccept = SnClient.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(sim.baseUrl() + "/api/now/table/incident"))
                .header("Authorization", SnClient.basicHeader(sim.userName(), sim.password())).GET());
        var noContentType = SnClient.send(client.request("/api/now/table/incident")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        var xmlAccept = SnClient.send(client.request("/api/now/table/incident").setHeader("Accept", "application/xml")
                .GET());
        var xmlBody = client.postBytes("/api/now/table/incident", "application/xml", "<x/>".getBytes());

        assertThat(noAccept.status()).isEqualTo(400);
        assertThat(noAccept.json()).isEqualTo(json("""
                {"error":{"message":"Missing required header: Accept","detail":"Requests to this API must send Accept"},
                 "status":"failure"}"""));
        assertThat(noContentType.status()).isEqualTo(400);
        assertThat(xmlAccept.status()).isEqualTo(406);
        assertThat(xmlBody.status()).isEqualTo(415);
        assertThat(sim.records("incident")).isEmpty();
    }

    @Test
    void lookupAndSystemTablesAreReadOnlyForTheIntegrationUser() {
        SnClient.Response insert = client.post("/api/now/table/sys_user_group", "{\"name\":\"Mine\"}");
        String group = ServiceNowSimulator.groupSysId("Service Desk");
        SnClient.Response update = client.patch("/api/now/table/sys_user_group/" + group, "{\"name\":\"x\"}");
        SnClient.Response delete = client.delete("/api/now/table/sys_journal_field/" + group);

        assertThat(insert.status()).isEqualTo(403);
        assertThat(insert.json()).isEqualTo(json("""
                {"error":{"message":"Operation Failed","detail":"ACL Exception Insert Failed due to security constraints"},
                 "status":"failure"}"""));
        assertThat(update.json().at("/error/detail").asText())
                .isEqualTo("ACL Exception Update Failed due to security constraints");
        assertThat(delete.json().at("/error/detail").asText())
                .isEqualTo("ACL Exception Delete Failed due to security constraints");
        assertThat(client.get("/api/now/table/sys_user_group/" + group).result().get("name").asText())
                .isEqualTo("Service Desk");
    }

    @Test
    void directWritesActAsTheAgentAndBumpUpdatedOn() {
        String id = sim.createDirect("incident", SnClient.fields("short_description", "from the UI"));
        clock.advance(Duration.ofSeconds(30));

        sim.updateDirect("incident", id, SnClient.fields("state", "2", "assigned_to", "david.loo"));

        var record = sim.record("incident", id);
        assertThat(record.get("sys_created_by")).isEqualTo("beth.anglin");
        assertThat(record.get("sys_updated_by")).isEqualTo("beth.anglin");
        assertThat(record.get("sys_updated_on")).isEqualTo("2024-06-03 10:00:30");
        assertThat(record.get("sys_mod_count")).isEqualTo("1");
        assertThat(record.get("assigned_to")).isEqualTo(ServiceNowSimulator.userSysId("david.loo"));
        assertThat(sim.record("incident", "0123")).isNull();
    }
}
