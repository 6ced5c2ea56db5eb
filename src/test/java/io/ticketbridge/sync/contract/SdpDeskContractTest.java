package io.ticketbridge.sync.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import io.ticketbridge.testing.TestRuntime;

/** The shared desk suite against ServiceDesk Plus (its simulator). */
class SdpDeskContractTest extends DeskContractTest {

    @Override
    DeskBed start() {
        SdpTestBed sdp = SdpTestBed.start();
        return new DeskBed() {
            @Override
            public TestRuntime rt() {
                return sdp.rt;
            }

            @Override
            public ApiClient api() {
                return sdp.api;
            }

            @Override
            public String integrationId() {
                return sdp.integrationId;
            }

            @Override
            public String remoteSubject(String remoteId) {
                return sdp.sdp.request(remoteId).path("subject").asText();
            }

            @Override
            public long remoteTicketsWithSubject(String subject) {
                return sdp.calls("POST", "/requests").stream()
                        .filter(r -> subject.equals(r.inputData().path("request").path("subject").asText())).count();
            }

            @Override
            public void agentEditsSubject(String remoteId, String subject) {
                sdp.sdp.updateRequestDirect(remoteId, (ObjectNode) Json.object().put("subject", subject));
            }

            @Override
            public void agentComments(String remoteId, String text) {
                sdp.sdp.addNoteDirect(remoteId, text);
            }

            @Override
            public String agentCreates(String subject) {
                return sdp.sdp.createRequestDirect((ObjectNode) Json.object().put("subject", subject));
            }

            @Override
            public void agentLogsTime(String remoteId, int minutes, String description) {
                sdp.sdp.addWorklogDirect(remoteId, description, java.time.Duration.ofMinutes(minutes));
            }

            @Override
            public List<String> remoteTimeLogs(String remoteId) {
                List<String> out = new ArrayList<>();
                sdp.sdp.worklogs(remoteId).forEach(w -> out.add(w.path("description").asText()));
                return out;
            }

            @Override
            public List<String> remoteComments(String remoteId) {
                List<String> out = new ArrayList<>();
                sdp.sdp.notes(remoteId).forEach(n -> out.add(n.path("description").asText()));
                return out;
            }

            @Override
            public List<String> remoteAttachmentNames(String remoteId) {
                List<String> out = new ArrayList<>();
                sdp.sdp.attachments(remoteId).forEach(a -> out.add(a.path("name").asText()));
                return out;
            }

            @Override
            public List<JsonNode> updatesSent(String remoteId) {
                return sdp.calls("PUT", "/requests/" + remoteId).stream()
                        .map(r -> r.inputData().path("request")).toList();
            }

            @Override
            public String customFieldPath() {
                return "udf_fields.udf_sline_301";
            }

            @Override
            public String remoteText(String remoteId, String path) {
                JsonNode v = sdp.sdp.request(remoteId).at("/" + path.replace('.', '/'));
                return v.isObject() ? v.path("name").asText() : v.asText();
            }

            @Override
            public TemplateDefault templateDefault() {
                return new TemplateDefault("impact", Map.of("name", "High"), "High");
            }

            @Override
            public String priorityField() {
                return "priority";
            }

            @Override
            public String subjectField() {
                return "subject";
            }

            @Override
            public ApiClient.Response webhook(String remoteId, boolean valid) {
                String body = "{\"event\":\"request.updated\",\"request\":{\"id\":\"" + remoteId + "\"}}";
                return sdp.rt.anonymous().send("POST", desk() + "/webhook", "application/json", body.getBytes(),
                        Map.of("X-Webhook-Secret", valid ? SdpTestBed.WEBHOOK_SECRET : "wrong-secret-0123456789"));
            }

            @Override
            public void close() {
                sdp.close();
            }
        };
    }
}
