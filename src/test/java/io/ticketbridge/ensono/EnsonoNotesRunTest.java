package io.ticketbridge.ensono;

import static io.ticketbridge.ensono.EnsonoTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ticketbridge.model.Comment;
import io.ticketbridge.sandbox.ensono.RawTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A busy ticket's notes arrive as a run in one receive; they are applied together (one bulk per run)
 * with exactly the effect of applying them one by one: order kept, a note id seen once, and a bad
 * message in the middle stops its group at that message (earlier notes committed and deleted, later
 * ones neither applied nor deleted).
 */
class EnsonoNotesRunTest {

    static EnsonoTestSupport env;

    @BeforeAll
    static void start() {
        env = new EnsonoTestSupport("notes-run.fifo", 30, "sqs", true,
                Map.of("ticketbridge.ensono.poison-attempts", "5"), Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static RawTransaction note(String number, String id, String body) {
        return new RawTransaction(number, "Notes", false, "{\"clientName\":\"acme\",\"ticketNumber\":\"" + number
                + "\",\"clientTicketNumber\":\"\",\"ticketType\":\"Incident\",\"notes\":{\"type\":\"comment\",\"id\":\""
                + id + "\",\"body\":\"" + body + "\",\"commenter\":\"Sam Agent\"}}");
    }

    private static RawTransaction create(String number, String subject) {
        return new RawTransaction(number, "Create", false, "{\"clientName\":\"acme\",\"ticketNumber\":\"" + number
                + "\",\"clientTicketNumber\":\"\",\"ticketType\":\"Incident\",\"status\":\"open\",\"shortDescription\":\""
                + subject + "\",\"priority\":\"3\"}");
    }

    private List<String> comments(String number) {
        return env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h, env.integrationId, number)
                .map(l -> env.rt.hub().activity.comments(h, l.ticketId()).stream().map(Comment::body).toList())
                .orElse(List.of()));
    }

    private long inbox(String status) {
        return env.rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from inbox where integration_id=:i"
                + " and status=:s").bind("i", env.integrationId).bind("s", status).mapTo(Long.class).one());
    }

    private long ledgerRows(String number) {
        return env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h, env.integrationId, number)
                .map(l -> h.createQuery("select count(*) from sync_ledger where ticket_id=:t and item_type='comment'")
                        .bind("t", l.ticketId()).mapTo(Long.class).one()).orElse(0L));
    }

    @Test
    void aRunOfNotesIsAppliedInOrderEachNoteOnce() {
        String number = "e-INC0900001";
        List<RawTransaction> txs = new ArrayList<>();
        txs.add(create(number, "Run of notes"));
        txs.add(note(number, "n1", "first"));
        txs.add(note(number, "n2", "second"));
        txs.add(note(number, "n2", "second, sent again under the same note id"));
        txs.add(note(number, "n3", "third"));
        txs.add(note(number, "n4", "fourth"));
        env.sim.publishRawBatch(txs);

        await().until(() -> comments(number).size() >= 4 && env.messagesTaken() >= 6);
        assertThat(comments(number)).containsExactly("first", "second", "third", "fourth");
        assertThat(ledgerRows(number)).isEqualTo(4);
        // notes that came from Ensono are not sent back to it
        assertThat(env.ticketRequests("PUT").stream().filter(r -> r.path().endsWith("/tickets/" + number))).isEmpty();
    }

    @Test
    void aBadMessageInARunStopsItsGroupThereAndOnlyThere() {
        String number = "e-INC0900002";
        String other = "e-INC0900003";
        List<RawTransaction> txs = new ArrayList<>();
        txs.add(create(number, "Bad note in the middle"));
        txs.add(note(number, "b1", "before one"));
        txs.add(note(number, "b2", "before two"));
        txs.add(new RawTransaction(number, "Notes", false, "this is not JSON"));
        txs.add(note(number, "b3", "after the bad one"));
        txs.add(create(other, "Unaffected group"));
        txs.add(note(other, "o1", "other group note"));
        env.sim.publishRawBatch(txs);

        await().until(() -> inbox("failed") >= 1 && comments(other).size() == 1 && comments(number).size() >= 2);
        assertThat(comments(number)).containsExactly("before one", "before two");
        assertThat(comments(other)).containsExactly("other group note");
        // the bad message and the note after it are still on the queue (in flight, not deleted)
        long depth = env.sqs.client().getQueueAttributes(b -> b.queueUrl(env.queueUrl)
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().values().stream().mapToLong(Long::parseLong).sum();
        assertThat(depth).isEqualTo(2);
    }
}
