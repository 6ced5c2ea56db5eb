package io.ticketbridge.api;

import static io.ticketbridge.testing.ApiAssertions.assertError;
import static io.ticketbridge.testing.ApiAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Hub tickets through the API: CRUD, filters, paging, optimistic locking, activity and attachments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketsApiTest {

    static final int MAX_ATTACHMENT = 2048;

    TestRuntime rt;
    TestRuntime.Space space;
    ApiClient api;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start(Map.of("ticketbridge.attachments.max-bytes", String.valueOf(MAX_ATTACHMENT)));
        space = rt.createSpace("tickets");
        api = space.client();
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    JsonNode create(Map<String, Object> body) {
        return ok(api.post("/api/tickets", body), 201);
    }

    @Test
    void createAnswers201WithLocationAndANumberAndGetReturnsIt() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", "VPN drops every 10 minutes");
        body.put("description", "Since Monday");
        body.put("priority", "high");
        body.put("group", "Network");
        body.put("requester_email", "jane@example.com");
        body.put("cis", List.of("vpn-gw-1"));
        body.put("custom_fields", Map.of("site", "Leeds", "floor", 3));
        ApiClient.Response r = api.post("/api/tickets", body);
        JsonNode t = ok(r, 201);
        String id = t.get("id").asText();
        assertThat(r.header("Location")).contains("/api/tickets/" + id);
        assertThat(t.get("number").asText()).matches("TB-\\d+");
        assertThat(t.get("status").asText()).isEqualTo("new");
        assertThat(t.get("ticket_type").asText()).isEqualTo("incident");
        assertThat(t.get("version").asLong()).isEqualTo(1);
        assertThat(t.get("space_id").asText()).isEqualTo(space.id());

        JsonNode got = ok(api.get("/api/tickets/" + id), 200);
        assertThat(got.get("subject").asText()).isEqualTo("VPN drops every 10 minutes");
        assertThat(got.get("description").asText()).isEqualTo("Since Monday");
        assertThat(got.get("priority").asText()).isEqualTo("high");
        assertThat(got.get("group").asText()).isEqualTo("Network");
        assertThat(got.get("requester_email").asText()).isEqualTo("jane@example.com");
        assertThat(got.get("cis").get(0).asText()).isEqualTo("vpn-gw-1");
        assertThat(got.get("custom_fields").get("site").asText()).isEqualTo("Leeds");
        assertThat(got.get("custom_fields").get("floor").asInt()).isEqualTo(3);
        assertThat(got.get("number").asText()).isEqualTo(t.get("number").asText());
    }

    @Test
    void numbersAreDistinctAndIncreasing() {
        long first = Long.parseLong(create(Map.of("subject", "n1")).get("number").asText().substring(3));
        long second = Long.parseLong(create(Map.of("subject", "n2")).get("number").asText().substring(3));
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void listFiltersByStatusPriorityGroupTypeAndUpdatedSince() {
        TestRuntime.Space s = rt.createSpace("filters");
        ApiClient c = s.client();
        ok(c.post("/api/tickets", Map.of("subject", "a", "status", "open", "priority", "low", "group", "Desk",
                "ticket_type", "request")), 201);
        ok(c.post("/api/tickets", Map.of("subject", "b", "status", "open", "priority", "urgent", "group", "Network")),
                201);
        ok(c.post("/api/tickets", Map.of("subject", "c", "status", "pending", "priority", "urgent",
                "group", "Network", "ticket_type", "problem")), 201);
        assertThat(subjects(c, "")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(subjects(c, "?status=open")).containsExactlyInAnyOrder("a", "b");
        assertThat(subjects(c, "?priority=urgent")).containsExactlyInAnyOrder("b", "c");
        assertThat(subjects(c, "?group=Network")).containsExactlyInAnyOrder("b", "c");
        assertThat(subjects(c, "?ticket_type=request")).containsExactly("a");
        assertThat(subjects(c, "?ticket_type=incident&status=open")).containsExactly("b");
        assertThat(subjects(c, "?status=closed")).isEmpty();

        Instant cut = Instant.now();
        await(() -> Instant.now().isAfter(cut.plusMillis(5)));
        String a = ok(c.get("/api/tickets?ticket_type=request"), 200).get("items").get(0).get("id").asText();
        ok(c.patch("/api/tickets/" + a, Map.of("assignee", "bob")), 200);
        assertThat(subjects(c, "?updated_since=" + enc(cut.toString()))).containsExactly("a");
        assertThat(subjects(c, "?updated_since=" + enc(Instant.now().plusSeconds(60).toString()))).isEmpty();
        // bad filter values are 400s, not empty lists
        assertError(c.get("/api/tickets?status=bogus"), 400);
        assertError(c.get("/api/tickets?updated_since=yesterday"), 400);
    }

    @Test
    void listPagesWithTotalAndHasMore() {
        TestRuntime.Space s = rt.createSpace("paging");
        ApiClient c = s.client();
        for (int i = 1; i <= 5; i++) {
            ok(c.post("/api/tickets", Map.of("subject", "p" + i)), 201);
        }
        JsonNode p1 = ok(c.get("/api/tickets?page=1&page_size=2"), 200);
        JsonNode p2 = ok(c.get("/api/tickets?page=2&page_size=2"), 200);
        JsonNode p3 = ok(c.get("/api/tickets?page=3&page_size=2"), 200);
        JsonNode p4 = ok(c.get("/api/tickets?page=4&page_size=2"), 200);
        assertThat(p1.get("total").asLong()).isEqualTo(5);
        assertThat(p1.get("page").asInt()).isEqualTo(1);
        assertThat(p1.get("page_size").asInt()).isEqualTo(2);
        assertThat(p1.get("items")).hasSize(2);
        assertThat(p1.get("has_more").asBoolean()).isTrue();
        assertThat(p2.get("has_more").asBoolean()).isTrue();
        assertThat(p3.get("items")).hasSize(1);
        assertThat(p3.get("has_more").asBoolean()).isFalse();
        assertThat(p4.get("items")).isEmpty();
        Set<String> seen = new HashSet<>();
        for (JsonNode p : List.of(p1, p2, p3)) {
            p.get("items").forEach(t -> seen.add(t.get("id").asText()));
        }
        assertThat(seen).hasSize(5);
        assertError(c.get("/api/tickets?page_size=0"), 400);
        assertError(c.get("/api/tickets?page_size=201"), 400);
        assertError(c.get("/api/tickets?page=0"), 400);
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndIncrementsTheVersion() {
        JsonNode t = create(Map.of("subject", "Printer jam", "priority", "low", "group", "Desk",
                "description", "Tray 2"));
        String id = t.get("id").asText();
        JsonNode p = ok(api.patch("/api/tickets/" + id, Map.of("status", "in_progress", "assignee", "bob")), 200);
        assertThat(p.get("version").asLong()).isEqualTo(2);
        assertThat(p.get("status").asText()).isEqualTo("in_progress");
        assertThat(p.get("assignee").asText()).isEqualTo("bob");
        JsonNode got = ok(api.get("/api/tickets/" + id), 200);
        assertThat(got.get("subject").asText()).isEqualTo("Printer jam");
        assertThat(got.get("priority").asText()).isEqualTo("low");
        assertThat(got.get("group").asText()).isEqualTo("Desk");
        assertThat(got.get("description").asText()).isEqualTo("Tray 2");
        assertThat(got.get("number").asText()).isEqualTo(t.get("number").asText());
        assertThat(got.get("version").asLong()).isEqualTo(2);
        // null clears an optional field
        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("description", null);
        JsonNode cleared = ok(api.patch("/api/tickets/" + id, clear), 200);
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(cleared.get("assignee").asText()).isEqualTo("bob");
        assertThat(cleared.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        String id = create(Map.of("subject", "Locking")).get("id").asText();
        ok(api.patch("/api/tickets/" + id, Map.of("priority", "high")), 200); // now version 2

        ApiClient.Response viaBody = api.patch("/api/tickets/" + id, Map.of("priority", "low", "version", 1));
        assertThat(assertError(viaBody, 409).get("error").asText()).isEqualTo("conflict");
        ApiClient.Response viaHeader = api.send("PATCH", "/api/tickets/" + id, "application/json",
                "{\"priority\":\"low\"}".getBytes(StandardCharsets.UTF_8), Map.of("If-Match", "\"1\""));
        assertError(viaHeader, 409);
        JsonNode got = ok(api.get("/api/tickets/" + id), 200);
        assertThat(got.get("priority").asText()).isEqualTo("high");
        assertThat(got.get("version").asLong()).isEqualTo(2);

        JsonNode matched = ok(api.send("PATCH", "/api/tickets/" + id, "application/json",
                "{\"priority\":\"urgent\"}".getBytes(StandardCharsets.UTF_8), Map.of("If-Match", "\"2\"")), 200);
        assertThat(matched.get("priority").asText()).isEqualTo("urgent");
        assertThat(matched.get("version").asLong()).isEqualTo(3);
        assertThat(ok(api.patch("/api/tickets/" + id, Map.of("assignee", "amy", "version", 3)), 200)
                .get("version").asLong()).isEqualTo(4);
    }

    @Test
    void deleteAnswers204AndThenTheTicketIsGone() {
        String id = create(Map.of("subject", "Delete me")).get("id").asText();
        ok(api.post("/api/tickets/" + id + "/comments", Map.of("body", "note")), 201);
        ApiClient.Response del = api.delete("/api/tickets/" + id);
        assertThat(del.status()).isEqualTo(204);
        assertThat(del.body()).isEmpty();
        assertError(api.get("/api/tickets/" + id), 404);
        assertError(api.get("/api/tickets/" + id + "/comments"), 404);
        assertError(api.delete("/api/tickets/" + id), 404);
        long comments = rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from comments where ticket_id=:t")
                .bind("t", id).mapTo(Long.class).one());
        assertThat(comments).isZero();
    }

    @Test
    void commentsAreAddedAndListedInOrder() {
        String id = create(Map.of("subject", "Comments")).get("id").asText();
        JsonNode c1 = ok(api.post("/api/tickets/" + id + "/comments", Map.of("body", "First look",
                "author", "bob", "public", false)), 201);
        assertThat(c1.get("body").asText()).isEqualTo("First look");
        ok(api.post("/api/tickets/" + id + "/comments", Map.of("body", "Fixed", "author_email", "amy@example.com")),
                201);
        JsonNode list = ok(api.get("/api/tickets/" + id + "/comments"), 200).get("items");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("body").asText()).isEqualTo("First look");
        assertThat(list.get(0).get("author").asText()).isEqualTo("bob");
        assertThat(list.get(1).get("body").asText()).isEqualTo("Fixed");
        assertThat(list.get(1).get("author_email").asText()).isEqualTo("amy@example.com");
        // a comment marks the ticket updated; the version counts changes of its own fields only
        JsonNode after = ok(api.get("/api/tickets/" + id), 200);
        assertThat(java.time.Instant.parse(after.get("updated_at").asText()))
                .isAfter(java.time.Instant.parse(after.get("created_at").asText()));
        assertThat(after.get("version").asLong()).isEqualTo(1);
        assertError(api.post("/api/tickets/" + id + "/comments", Map.of("author", "no body")), 400);
        assertThat(ok(api.get("/api/tickets/" + id + "/comments"), 200).get("items")).hasSize(2);
    }

    @Test
    void timeLogsAreAddedAndListed() {
        String id = create(Map.of("subject", "Time")).get("id").asText();
        JsonNode log = ok(api.post("/api/tickets/" + id + "/time-logs", Map.of("minutes", 45,
                "description", "Replaced router", "author", "bob", "started_at", "2026-01-31T12:00:00Z")), 201);
        assertThat(log.get("minutes").asInt()).isEqualTo(45);
        JsonNode list = ok(api.get("/api/tickets/" + id + "/time-logs"), 200).get("items");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("minutes").asInt()).isEqualTo(45);
        assertThat(list.get(0).get("description").asText()).isEqualTo("Replaced router");
        assertThat(list.get(0).get("started_at").asText()).isEqualTo("2026-01-31T12:00:00Z");
        assertError(api.post("/api/tickets/" + id + "/time-logs", Map.of("minutes", 0)), 400);
        assertError(api.post("/api/tickets/" + id + "/time-logs", Map.of("minutes", "ten")), 400);
        assertThat(ok(api.get("/api/tickets/" + id + "/time-logs"), 200).get("items")).hasSize(1);
    }

    @Test
    void puttingAResolutionResolvesOrClosesTheTicket() {
        String id = create(Map.of("subject", "Resolve me")).get("id").asText();
        assertError(api.get("/api/tickets/" + id + "/resolution"), 404);
        JsonNode r = ok(api.put("/api/tickets/" + id + "/resolution", Map.of("content", "Replaced the router",
                "resolved_by", "bob")), 200);
        assertThat(r.get("content").asText()).isEqualTo("Replaced the router");
        JsonNode t = ok(api.get("/api/tickets/" + id), 200);
        assertThat(t.get("status").asText()).isEqualTo("resolved");
        assertThat(t.get("resolved_at").isNull()).isFalse();
        JsonNode got = ok(api.get("/api/tickets/" + id + "/resolution"), 200);
        assertThat(got.get("content").asText()).isEqualTo("Replaced the router");
        assertThat(got.get("resolved_by").asText()).isEqualTo("bob");

        ok(api.put("/api/tickets/" + id + "/resolution", Map.of("content", "Router replaced; closed",
                "status", "closed")), 200);
        JsonNode closed = ok(api.get("/api/tickets/" + id), 200);
        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("closed_at").isNull()).isFalse();
        assertThat(ok(api.get("/api/tickets/" + id + "/resolution"), 200).get("content").asText())
                .isEqualTo("Router replaced; closed");
        assertError(api.put("/api/tickets/" + id + "/resolution", Map.of("content", "x", "status", "open")), 400);
        assertThat(ok(api.get("/api/tickets/" + id), 200).get("status").asText()).isEqualTo("closed");
    }

    @Test
    void aMultipartUploadIsListedDescribedAndDownloadedByteForByte() {
        String id = create(Map.of("subject", "Attach")).get("id").asText();
        byte[] content = new byte[1500];
        new Random(7).nextBytes(content);
        JsonNode a = ok(api.upload("/api/tickets/" + id + "/attachments", "file", "router.log",
                "application/octet-stream", content), 201);
        String aid = a.get("id").asText();
        assertThat(a.get("filename").asText()).isEqualTo("router.log");
        assertThat(a.get("size").asLong()).isEqualTo(1500);
        assertThat(a.get("sha256").asText()).isEqualTo(Hashes.sha256(content));

        JsonNode list = ok(api.get("/api/tickets/" + id + "/attachments"), 200).get("items");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asText()).isEqualTo(aid);
        JsonNode meta = ok(api.get("/api/tickets/" + id + "/attachments/" + aid), 200);
        assertThat(meta.get("filename").asText()).isEqualTo("router.log");
        assertThat(meta.get("size").asLong()).isEqualTo(1500);

        ApiClient.Response dl = api.get("/api/tickets/" + id + "/attachments/" + aid + "/content");
        assertThat(dl.status()).isEqualTo(200);
        assertThat(dl.body()).isEqualTo(content);
        assertThat(dl.header("X-Content-SHA256")).contains(Hashes.sha256(content));
        assertThat(dl.header("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("router.log"));
    }

    @Test
    void aRawUploadWithAFilenameIsStoredWithItsContentType() {
        String id = create(Map.of("subject", "Raw attach")).get("id").asText();
        byte[] png = new byte[700];
        new Random(11).nextBytes(png);
        png[0] = (byte) 0x89;
        JsonNode a = ok(api.send("POST", "/api/tickets/" + id + "/attachments?filename=screen.png", "image/png", png),
                201);
        assertThat(a.get("content_type").asText()).isEqualTo("image/png");
        String aid = a.get("id").asText();
        ApiClient.Response dl = api.get("/api/tickets/" + id + "/attachments/" + aid + "/content");
        assertThat(dl.body()).isEqualTo(png);
        assertThat(dl.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("image/png"));
        assertThat(dl.header("X-Content-SHA256")).contains(Hashes.sha256(png));
        // text/plain is stored as bytes too, not re-encoded
        byte[] latin1 = new byte[256];
        for (int i = 0; i < latin1.length; i++) {
            latin1[i] = (byte) i;
        }
        String tid = ok(api.send("POST", "/api/tickets/" + id + "/attachments?filename=notes.txt", "text/plain",
                latin1), 201).get("id").asText();
        assertThat(api.get("/api/tickets/" + id + "/attachments/" + tid + "/content").body()).isEqualTo(latin1);
        // a raw upload needs its file name
        assertError(api.send("POST", "/api/tickets/" + id + "/attachments", "image/png", png), 400);
        assertThat(ok(api.get("/api/tickets/" + id + "/attachments"), 200).get("items")).hasSize(2);
    }

    @Test
    void anAttachmentOverTheLimitIs413AndNothingIsStored() {
        String id = create(Map.of("subject", "Too big")).get("id").asText();
        byte[] big = new byte[MAX_ATTACHMENT + 1];
        new Random(3).nextBytes(big);
        JsonNode multipart = assertError(api.upload("/api/tickets/" + id + "/attachments", "file", "big.bin",
                "application/octet-stream", big), 413);
        assertThat(multipart.get("error").asText()).isEqualTo("payload_too_large");
        assertError(api.send("POST", "/api/tickets/" + id + "/attachments?filename=big.bin",
                "application/octet-stream", big), 413);
        assertThat(ok(api.get("/api/tickets/" + id + "/attachments"), 200).get("items")).isEmpty();
        long rows = rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from attachments where ticket_id=:t")
                .bind("t", id).mapTo(Long.class).one());
        assertThat(rows).isZero();
        assertThat(ok(api.get("/api/tickets/" + id), 200).get("version").asLong()).isEqualTo(1);
        // exactly at the limit is fine
        byte[] atLimit = new byte[MAX_ATTACHMENT];
        ok(api.send("POST", "/api/tickets/" + id + "/attachments?filename=ok.bin", "application/octet-stream",
                atLimit), 201);
    }

    @Test
    void anUnknownAttachmentIs404() {
        String id = create(Map.of("subject", "No such attachment")).get("id").asText();
        assertError(api.get("/api/tickets/" + id + "/attachments/" + java.util.UUID.randomUUID()), 404);
        assertError(api.get("/api/tickets/" + id + "/attachments/" + java.util.UUID.randomUUID() + "/content"), 404);
    }

    private static List<String> subjects(ApiClient c, String query) {
        List<String> out = new ArrayList<>();
        ok(c.get("/api/tickets" + query), 200).get("items").forEach(t -> out.add(t.get("subject").asText()));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2))
                .pollInterval(java.time.Duration.ofMillis(5)).until(condition);
    }
}
