package io.ticketbridge.sync.contract;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.servicenow.ServiceNowSimulator;
import io.ticketbridge.sandbox.servicenow.ServiceNowWebhook;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;

/** The shared desk suite against ServiceNow (its simulator), through the same generic endpoints. */
class ServiceNowDeskContractTest extends DeskContractTest {

    static final String SECRET = "servicenow-hook-secret-42";

    @Override
    DeskBed start() {
        ServiceNowSimulator sim = ServiceNowSimulator.builder().user("ticketbridge", "sn-contract-password").start();
        TestRuntime rt = TestRuntime.start(Map.of("ticketbridge.jobs.retry.initial-delay-ms", "200"));
        ApiClient api = rt.admin();
        ApiClient.Response created = api.post("/api/integrations", Map.of("platform", "servicenow",
                "name", "ServiceNow contract", "base_url", sim.baseUrl(), "credentials", Map.of("username",
                        "ticketbridge", "password", "sn-contract-password", "webhook_secret", SECRET),
                "config", Map.of("max_requests_per_second", 200)));
        if (created.status() != 201) {
            throw new IllegalStateException("integration not created: " + created);
        }
        String integrationId = created.json().get("id").asText();
        return new DeskBed() {
            @Override
            public TestRuntime rt() {
                return rt;
            }

            @Override
            public ApiClient api() {
                return api;
            }

            @Override
            public String integrationId() {
                return integrationId;
            }

            @Override
            public String remoteSubject(String remoteId) {
                return sim.record("incident", remoteId).get("short_description");
            }

            @Override
            public long remoteTicketsWithSubject(String subject) {
                return sim.records("incident").stream().filter(r -> subject.equals(r.get("short_description")))
                        .count();
            }

            @Override
            public void agentEditsSubject(String remoteId, String subject) {
                sim.updateDirect("incident", remoteId, Map.of("short_description", subject));
            }

            @Override
            public void agentComments(String remoteId, String text) {
                sim.addCommentDirect("incident", remoteId, text);
            }

            @Override
            public String agentCreates(String subject) {
                return sim.createDirect("incident", Map.of("short_description", subject));
            }

            @Override
            public void agentLogsTime(String remoteId, int minutes, String description) {
                String worked = java.time.LocalDateTime.ofEpochSecond(minutes * 60L, 0, java.time.ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                sim.createDirect("task_time_worked", Map.of("task", remoteId, "time_worked", worked,
                        "comments", description));
            }

            @Override
            public List<String> remoteTimeLogs(String remoteId) {
                return sim.records("task_time_worked").stream().filter(r -> remoteId.equals(r.get("task")))
                        .map(r -> r.get("comments")).toList();
            }

            @Override
            public List<String> remoteComments(String remoteId) {
                return sim.journal(remoteId).stream().map(j -> j.get("value")).toList();
            }

            @Override
            public List<String> remoteAttachmentNames(String remoteId) {
                return sim.attachments(remoteId).stream().map(a -> a.get("file_name")).toList();
            }

            /** PATCH/PUT bodies of the record, without the journal writes (comments, work notes). */
            @Override
            public List<JsonNode> updatesSent(String remoteId) {
                return sim.requests().stream().filter(r -> (r.method().equals("PATCH") || r.method().equals("PUT"))
                                && r.path().equals("/api/now/table/incident/" + remoteId))
                        .map(r -> Json.read(r.bodyAsString()))
                        .filter(b -> !b.has("comments") && !b.has("work_notes")).toList();
            }

            @Override
            public String customFieldPath() {
                return "contact_type";
            }

            @Override
            public String remoteText(String remoteId, String path) {
                return sim.record("incident", remoteId).get(path);
            }

            @Override
            public TemplateDefault templateDefault() {
                return new TemplateDefault("subcategory", "Email", "Email");
            }

            @Override
            public String priorityField() {
                return "urgency";
            }

            @Override
            public String subjectField() {
                return "short_description";
            }

            @Override
            public ApiClient.Response webhook(String remoteId, boolean valid) {
                ServiceNowWebhook.Delivery d = sim.sendWebhook(rt.baseUrl() + desk() + "/webhook",
                        valid ? SECRET : "not-the-secret-0123456", "incident", remoteId, "update");
                return new ApiClient.Response(d.status(), Map.of(), d.responseBody().getBytes());
            }

            @Override
            public void close() {
                rt.close();
                sim.close();
            }
        };
    }
}
