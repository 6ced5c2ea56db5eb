package io.ticketbridge.sandbox.sdp;

import static io.ticketbridge.sandbox.sdp.SdpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SdpSimulatorAttachmentsLinksTest {

    private SdpSimulator sim;
    private SdpTestClient client;
    private String id;

    @BeforeEach
    void start() {
        sim = SdpSimulator.start();
        client = SdpTestClient.onPrem(sim);
        id = client.create("{\"subject\":\"Screenshots attached\"}");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Every byte value, CRLFs and a fake boundary inside the content: the parser must not cut at any of them. */
    private static byte[] trickyContent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) {
            out.write(i);
        }
        out.writeBytes("\r\n--not-the-boundary\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] random = new byte[70_000];
        new Random(42).nextBytes(random);
        out.writeBytes(random);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private SdpTestClient.Response upload(String boundary, byte[] body) {
        return client.send(client.request("/requests/" + id + "/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] handMadeMultipart(String boundary, String fieldName, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fieldName
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void uploadListAndDownloadAreByteExact() {
        byte[] content = trickyContent();

        SdpTestClient.Response uploaded = upload("XyZ-boundary-123",
                handMadeMultipart("XyZ-boundary-123", "input_file", "dump.bin", content));
        JsonNode meta = uploaded.json().at("/attachments/0");
        SdpTestClient.Response list = client.get("/requests/" + id + "/attachments");
        SdpTestClient.Response download = client.get("/requests/" + id + "/attachments/" + meta.get("id").asText()
                + "/download");

        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.json().get("response_status")).isEqualTo(json("{\"status_code\":2000,\"status\":\"success\"}"));
        assertThat(meta.get("name").asText()).isEqualTo("dump.bin");
        assertThat(meta.get("content_type").asText()).isEqualTo("application/octet-stream");
        assertThat(meta.at("/size/value").asText()).isEqualTo(Integer.toString(content.length));
        assertThat(list.json().get("attachments")).hasSize(1);
        assertThat(list.json().at("/attachments/0")).isEqualTo(meta);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(sim.attachmentContent(id, meta.get("id").asText())).isEqualTo(content);
        assertThat(sim.request(id).get("has_attachments").asBoolean()).isTrue();
    }

    @Test
    void acceptsWhatApacheHttpClientsMultipartBuilderSends() throws IOException {
        byte[] content = "quarterly report\r\nline two".getBytes(StandardCharsets.UTF_8);
        HttpEntity entity = MultipartEntityBuilder.create()
                .addTextBody("comment", "ignored form field")
                .addBinaryBody("input_file", content, ContentType.TEXT_PLAIN, "report ä.txt")
                .build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        entity.writeTo(body);

        SdpTestClient.Response uploaded = client.send(client.request("/requests/" + id + "/upload")
                .header("Content-Type", entity.getContentType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));

        assertThat(uploaded.status()).isEqualTo(200);
        JsonNode meta = uploaded.json().at("/attachments/0");
        assertThat(meta.get("name").asText()).isEqualTo("report ä.txt");
        assertThat(meta.get("content_type").asText()).startsWith("text/plain");
        assertThat(sim.attachmentContent(id, meta.get("id").asText())).isEqualTo(content);
    }

    @Test
    void uploadWithoutInputFileIs4012AndTwoFilesAre4000() {
        SdpTestClient.Response wrongPart = upload("b1", handMadeMultipart("b1", "file", "a.txt", new byte[] {1}));
        byte[] two = handMadeMultipart("b2", "input_file", "a.txt", new byte[] {1});
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        twice.writeBytes(new String(two, StandardCharsets.ISO_8859_1).replace("--b2--\r\n", "")
                .getBytes(StandardCharsets.ISO_8859_1));
        twice.writeBytes(handMadeMultipart("b2", "input_file", "b.txt", new byte[] {2}));

        SdpTestClient.Response twoFiles = upload("b2", twice.toByteArray());

        assertThat(wrongPart.status()).isEqualTo(400);
        assertThat(wrongPart.json().at("/response_status/messages/0/field").asText()).isEqualTo("input_file");
        assertThat(twoFiles.status()).isEqualTo(400);
        assertThat(twoFiles.json().at("/response_status/messages/0/message").asText())
                .isEqualTo("Only one file can be uploaded per call");
        assertThat(sim.attachments(id)).isEmpty();
    }

    @Test
    void deleteAttachment() {
        String attachmentId = sim.addAttachmentDirect(id, "log.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(sim.attachments(id).get(0).get("content_type").asText()).isEqualTo("text/plain");

        SdpTestClient.Response deleted = client.delete("/requests/" + id + "/attachments/" + attachmentId);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(sim.attachments(id)).isEmpty();
        assertThat(client.get("/requests/" + id + "/attachments/" + attachmentId + "/download").status())
                .isEqualTo(404);
    }

    @Test
    void linkListAndUnlinkRequests() {
        String other = client.create("{\"subject\":\"Same outage\"}");

        SdpTestClient.Response linked = client.post("/requests/" + id + "/link_requests",
                "{\"link_requests\":[{\"linked_request\":{\"id\":\"" + other + "\"},\"comments\":\"duplicate\"}]}");
        SdpTestClient.Response list = client.get("/requests/" + id + "/link_requests");

        assertThat(linked.status()).isEqualTo(200);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("link_requests")).hasSize(1);
        JsonNode link = list.json().at("/link_requests/0");
        assertThat(link.get("linked_request")).isEqualTo(json(
                "{\"id\":\"" + other + "\",\"display_id\":\"2\",\"subject\":\"Same outage\"}"));
        assertThat(link.get("comments").asText()).isEqualTo("duplicate");
        assertThat(sim.links(other)).hasSize(1);
        assertThat(sim.request(id).get("has_linked_requests").asBoolean()).isTrue();

        SdpTestClient.Response unlinked = client.delete("/requests/" + id + "/link_requests",
                "{\"link_requests\":[{\"linked_request\":{\"id\":\"" + other + "\"}}]}");

        assertThat(unlinked.status()).isEqualTo(200);
        assertThat(sim.links(id)).isEmpty();
        assertThat(sim.links(other)).isEmpty();
    }

    @Test
    void linkingAnUnknownRequestIs4001AndLinksNothing() {
        String other = client.create("{\"subject\":\"real\"}");

        SdpTestClient.Response response = client.post("/requests/" + id + "/link_requests", "{\"link_requests\":["
                + "{\"linked_request\":{\"id\":\"" + other + "\"}},"
                + "{\"linked_request\":{\"id\":\"100000000000999999\"}}]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("""
                {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4001,
                 "type":"failed","field":"linked_request","message":"Value given for linked_request is not valid"}]}}"""));
        assertThat(sim.links(id)).isEmpty();
    }

    @Test
    void uploadNeedsMultipart() {
        SdpTestClient.Response response = client.put("/requests/" + id + "/upload", "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4000);
    }
}
