package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.enc;
import static io.ticketbridge.sandbox.servicenow.SnClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.sandbox.support.SimClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attachment API: upload raw bytes, list, metadata, download, delete. */
class ServiceNowAttachmentTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, (byte) 0xff};

    private final ServiceNowSimulator sim = ServiceNowSimulator.builder()
            .clock(SimClock.fixed(Instant.parse("2024-06-03T10:00:00Z"))).start();
    private final SnClient client = SnClient.basic(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    private static String sha256(byte[] content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    }

    private SnClient.Response upload(String incident, String name, String type, byte[] content) {
        return client.postBytes("/api/now/attachment/file?table_name=incident&table_sys_id=" + incident
                + "&file_name=" + enc(name), type, content);
    }

    @Test
    void uploadListDownloadAndDeleteRoundTrip() throws Exception {
        String incident = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response uploaded = upload(incident, "screen shot.png", "image/png", PNG);

        assertThat(uploaded.status()).isEqualTo(201);
        String id = uploaded.result().get("sys_id").asText();
        assertThat(uploaded.header("Location")).isEqualTo(sim.baseUrl() + "/api/now/attachment/" + id);
        assertThat(uploaded.result()).isEqualTo(json("{\"sys_id\":\"" + id + "\",\"file_name\":\"screen shot.png\","
                + "\"content_type\":\"image/png\",\"size_bytes\":\"9\",\"size_compressed\":\"9\",\"compressed\":\"false\","
                + "\"table_name\":\"incident\",\"table_sys_id\":\"" + incident + "\",\"hash\":\"" + sha256(PNG)
                + "\",\"state\":\"available\","
                + "\"sys_created_on\":\"2024-06-03 10:00:00\",\"sys_created_by\":\"ticketbridge.integration\","
                + "\"sys_updated_on\":\"2024-06-03 10:00:00\",\"sys_updated_by\":\"ticketbridge.integration\","
                + "\"sys_mod_count\":\"0\",\"download_link\":\"" + sim.baseUrl() + "/api/now/attachment/" + id + "/file\"}"));

        SnClient.Response listed = client.get("/api/now/attachment?sysparm_query=" + enc("table_sys_id=" + incident));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.result()).hasSize(1);
        assertThat(listed.result().get(0)).isEqualTo(uploaded.result());
        assertThat(listed.header("X-Total-Count")).isEqualTo("1");

        assertThat(client.get("/api/now/attachment/" + id).result()).isEqualTo(uploaded.result());
        SnClient.Response file = client.get("/api/now/attachment/" + id + "/file");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(PNG);
        assertThat(file.header("Content-Type")).isEqualTo("image/png");
        assertThat(json(file.header("X-Attachment-Metadata")).get("file_name").asText()).isEqualTo("screen shot.png");
        assertThat(sim.attachments(incident)).hasSize(1);
        assertThat(sim.attachmentContent(id)).isEqualTo(PNG);
        assertThat(client.get("/api/now/table/sys_attachment/" + id).result().get("size_bytes").asText()).isEqualTo("9");

        SnClient.Response deleted = client.delete("/api/now/attachment/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(client.get("/api/now/attachment/" + id).status()).isEqualTo(404);
        assertThat(client.get("/api/now/attachment/" + id + "/file").status()).isEqualTo(404);
        assertThat(sim.attachments(incident)).isEmpty();
    }

    @Test
    void uploadNeedsItsParametersAContentTypeAndAnExistingRecord() {
        String incident = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response noName = client.postBytes("/api/now/attachment/file?table_name=incident&table_sys_id="
                + incident, "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        SnClient.Response noType = SnClient.send(client.request("/api/now/attachment/file?table_name=incident"
                + "&table_sys_id=" + incident + "&file_name=a.txt").POST(java.net.http.HttpRequest.BodyPublishers
                .ofString("x")));
        SnClient.Response noRecord = upload("0123456789abcdef0123456789abcdef", "a.txt", "text/plain", new byte[1]);

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json()).isEqualTo(json(
                "{\"error\":{\"message\":\"Missing parameter: file_name\",\"detail\":null},\"status\":\"failure\"}"));
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noRecord.status()).isEqualTo(400);
        assertThat(sim.records("sys_attachment")).isEmpty();
    }

    private static byte[] multipart(String boundary, boolean fileFirst, String incident) {
        String fields = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"table_name\"\r\n\r\nincident\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"table_sys_id\"\r\n\r\n" + incident + "\r\n";
        String fileHead = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"uploadFile\"; filename=\"shot.png\""
                + "\r\nContent-Type: image/png\r\n\r\n";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] fileHeadBytes = fileHead.getBytes(StandardCharsets.UTF_8);
        if (!fileFirst) {
            out.writeBytes(fields.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(fileHeadBytes);
        out.writeBytes(PNG);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        if (fileFirst) {
            out.writeBytes(fields.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void multipartUploadTakesTheFieldsBeforeTheFilePart() {
        String incident = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response uploaded = client.postBytes("/api/now/attachment/upload",
                "multipart/form-data; boundary=XyZ123", multipart("XyZ123", false, incident));
        SnClient.Response fileFirst = client.postBytes("/api/now/attachment/upload",
                "multipart/form-data; boundary=XyZ123", multipart("XyZ123", true, incident));

        assertThat(uploaded.status()).isEqualTo(201);
        assertThat(uploaded.result().get("file_name").asText()).isEqualTo("shot.png");
        assertThat(uploaded.result().get("content_type").asText()).isEqualTo("image/png");
        assertThat(uploaded.result().get("table_sys_id").asText()).isEqualTo(incident);
        assertThat(sim.attachmentContent(uploaded.result().get("sys_id").asText())).isEqualTo(PNG);
        assertThat(fileFirst.status()).isEqualTo(400);
        assertThat(fileFirst.json()).isEqualTo(json("{\"error\":{\"message\":\"Failed to create the attachment."
                + " File part might be missing in the request.\",\"detail\":null},\"status\":\"failure\"}"));
        assertThat(sim.attachments(incident)).hasSize(1);
    }

    @Test
    void deletingTheRecordDeletesItsAttachments() {
        String incident = client.createIncident("{\"short_description\":\"a\"}");
        String id = sim.addAttachmentDirect("incident", incident, "log.txt", "text/plain", "log".getBytes());

        client.delete("/api/now/table/incident/" + incident);

        assertThat(client.get("/api/now/attachment/" + id).status()).isEqualTo(404);
        assertThat(sim.attachmentContent(id)).isNull();
    }
}
