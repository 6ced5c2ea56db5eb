package io.ticketbridge.sandbox.ensono;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnsonoAttachmentTest extends SimulatorTestBase {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-03T10:00:00Z"));

    @Override
    EnsonoSimulator.Builder configure(EnsonoSimulator.Builder builder) {
        return builder.clock(clock);
    }

    @Test
    void presignedPutStoresTheBytesWithoutApiKey() {
        String number = createTicket();
        byte[] content = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> presign = http.get("/tickets/" + number + "/attachments/" + BridgeHttp.encodePathSegment("vpn log.txt"));

        assertThat(presign.statusCode()).isEqualTo(200);
        JsonNode response = BridgeHttp.json(presign).path("Response");
        assertThat(response.fieldNames()).toIterable().containsExactly("code", "body");
        assertThat(response.path("code").asInt()).isEqualTo(200);
        String url = response.path("body").asText();
        assertThat(url).startsWith(sim.serverUrl() + "/_s3/").contains("X-Amz-Expires=120");

        HttpResponse<byte[]> upload = http.raw("PUT", url, content, "text/plain");

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.headers().firstValue("ETag")).isPresent();
        assertThat(sim.uploadedAttachment(number, "vpn log.txt")).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));
        JsonNode attachment = sim.ticket(number).orElseThrow().path("attachments").get(0);
        assertThat(attachment.path("fileName").asText()).isEqualTo("vpn log.txt");
        assertThat(attachment.path("contentType").asText()).isEqualTo("text/plain");
        assertThat(attachment.path("size").asLong()).isEqualTo(content.length);
        assertThat(sim.requests().get(sim.requests().size() - 1).header("x-api-key")).isEmpty();
    }

    @Test
    void expiredUrlIsDeniedWithS3Xml() {
        String number = createTicket();
        String url = BridgeHttp.json(http.get("/tickets/" + number + "/attachments/a.bin")).path("Response").path("body").asText();
        clock.advance(Duration.ofSeconds(121));

        HttpResponse<byte[]> upload = http.raw("PUT", url, new byte[] {1, 2, 3}, "application/octet-stream");

        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(upload.headers().firstValue("content-type")).hasValue("application/xml");
        String xml = new String(upload.body(), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml").contains("<Error><Code>AccessDenied</Code><Message>Request has expired</Message>")
                .contains("<X-Amz-Expires>120</X-Amz-Expires>");
        assertThat(sim.uploadedAttachment(number, "a.bin")).isEmpty();
    }

    @Test
    void tamperedOrWrongMethodUrlDoesNotMatchSignature() {
        String number = createTicket();
        String url = BridgeHttp.json(http.get("/tickets/" + number + "/attachments/a.bin")).path("Response").path("body").asText();

        HttpResponse<byte[]> otherKey = http.raw("PUT", url.replace("/a.bin?", "/b.bin?"), new byte[] {1}, "application/octet-stream");
        HttpResponse<byte[]> get = http.raw("GET", url, null, null);

        assertThat(new String(otherKey.body(), StandardCharsets.UTF_8)).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(otherKey.statusCode()).isEqualTo(403);
        assertThat(get.statusCode()).isEqualTo(403);
    }

    @Test
    void unknownTicketGetsNoUploadUrl() {
        HttpResponse<String> response = http.get("/tickets/e-CS0000404/attachments/a.bin");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"Response\":\"APIKey not authorized for ticket company\"}");
    }

    @Test
    void agentAttachmentIsQueuedWithADownloadUrl() {
        String number = sim.agentCreate(BridgeHttp.MAPPER.createObjectNode());
        byte[] image = {(byte) 0x89, 'P', 'N', 'G'};
        sim.agentAttach(number, "screen.png", "image/png", image);

        JsonNode messages = BridgeHttp.json(http.get("/queue")).path("ReceiveMessageResponse")
                .path("ReceiveMessageResult").path("messages");
        JsonNode attachment = messages.get(1);

        assertThat(attachment.path("Attributes").path("TransactionType").asText()).isEqualTo("Attachment");
        JsonNode body = attachment.path("Body");
        assertThat(body.path("attachmentName").asText()).isEqualTo("screen.png");
        assertThat(body.path("attachmentType").asText()).isEqualTo("image/png");
        assertThat(body.path("attachmentSize").asText()).isEqualTo("4");
        assertThat(body.path("attachment").asText()).contains("X-Amz-Expires=86400");
        HttpResponse<byte[]> download = http.raw("GET", body.path("attachment").asText(), null, null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(image);
    }
}
