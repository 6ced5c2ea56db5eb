package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.enc;
import static io.ticketbridge.sandbox.servicenow.SnClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.sandbox.support.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** work_notes and comments are journal inputs: they land in sys_journal_field, never on the record. */
class ServiceNowJournalTest {

    private final SimClock clock = SimClock.fixed(Instant.parse("2024-06-03T10:00:00Z"));
    private final ServiceNowSimulator sim = ServiceNowSimulator.builder().clock(clock).start();
    private final SnClient client = SnClient.basic(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void workNotesAndCommentsInPostAndPatchBecomeJournalRows() {
        String id = client.createIncident("{\"short_description\":\"a\",\"work_notes\":\"first note\"}");
        clock.advance(Duration.ofMinutes(1));
        SnClient.Response patched = client.patch("/api/now/table/incident/" + id,
                "{\"work_notes\":\"second note\",\"comments\":\"Dear caller\"}");

        assertThat(patched.result().get("work_notes").asText()).isEmpty();
        assertThat(patched.result().get("comments").asText()).isEmpty();
        assertThat(patched.result().get("sys_updated_on").asText()).isEqualTo("2024-06-03 10:01:00");
        assertThat(patched.result().get("sys_mod_count").asText()).isEqualTo("1");
        assertThat(client.get("/api/now/table/incident/" + id).result().get("work_notes").asText()).isEmpty();
        assertThat(sim.record("incident", id).get("work_notes")).isEmpty();
        List<Map<String, String>> journal = sim.journal(id);
        assertThat(journal).extracting(r -> r.get("element"), r -> r.get("value"), r -> r.get("sys_created_on"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("work_notes", "first note", "2024-06-03 10:00:00"),
                        org.assertj.core.groups.Tuple.tuple("work_notes", "second note", "2024-06-03 10:01:00"),
                        org.assertj.core.groups.Tuple.tuple("comments", "Dear caller", "2024-06-03 10:01:00"));
        assertThat(journal.get(0)).containsEntry("element_id", id).containsEntry("name", "incident")
                .containsEntry("sys_created_by", "ticketbridge.integration");
    }

    @Test
    void historyIsReadFromSysJournalFieldByElementId() {
        String id = client.createIncident("{\"short_description\":\"a\"}");
        String other = client.createIncident("{\"short_description\":\"b\",\"work_notes\":\"elsewhere\"}");
        for (int i = 1; i <= 3; i++) {
            clock.advance(Duration.ofSeconds(10));
            client.patch("/api/now/table/incident/" + id, "{\"work_notes\":\"note " + i + "\"}");
        }
        client.patch("/api/now/table/incident/" + id, "{\"comments\":\"public\"}");

        SnClient.Response notes = client.get("/api/now/table/sys_journal_field?sysparm_query="
                + enc("element_id=" + id + "^element=work_notes^ORDERBYsys_created_on")
                + "&sysparm_fields=element,value,sys_created_on,sys_created_by");
        SnClient.Response both = client.get("/api/now/table/sys_journal_field?sysparm_query="
                + enc("element_id=" + id + "^element=work_notes^ORelement=comments^ORDERBYDESCsys_created_on"));

        assertThat(notes.status()).isEqualTo(200);
        assertThat(notes.result()).isEqualTo(json("""
                [{"element":"work_notes","value":"note 1","sys_created_on":"2024-06-03 10:00:10",
                  "sys_created_by":"ticketbridge.integration"},
                 {"element":"work_notes","value":"note 2","sys_created_on":"2024-06-03 10:00:20",
                  "sys_created_by":"ticketbridge.integration"},
                 {"element":"work_notes","value":"note 3","sys_created_on":"2024-06-03 10:00:30",
                  "sys_created_by":"ticketbridge.integration"}]"""));
        assertThat(both.result()).hasSize(4);
        assertThat(both.result().get(3).get("value").asText()).isEqualTo("note 1");
        assertThat(sim.journal(other)).hasSize(1);
    }

    @Test
    void displayValuesShowTheConcatenatedJournalNewestFirst() {
        String id = client.createIncident("{\"short_description\":\"a\",\"work_notes\":\"one\"}");
        clock.advance(Duration.ofMinutes(2));
        sim.addWorkNoteDirect("incident", id, "two");

        SnClient.Response shown = client.get("/api/now/table/incident/" + id
                + "?sysparm_fields=work_notes,comments&sysparm_display_value=true");

        assertThat(shown.result()).isEqualTo(json("{\"work_notes\":\""
                + "2024-06-03 10:02:00 - Beth Anglin (Work notes)\\ntwo\\n\\n"
                + "2024-06-03 10:00:00 - TicketBridge Integration (Work notes)\\none\\n\\n\",\"comments\":\"\"}"));
    }

    @Test
    void emptyJournalTextWritesNothingAndChangesNothing() {
        String id = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response patched = client.patch("/api/now/table/incident/" + id, "{\"work_notes\":\"\"}");

        assertThat(patched.result().get("sys_mod_count").asText()).isEqualTo("0");
        assertThat(sim.journal(id)).isEmpty();
    }

    @Test
    void journalRowsCannotBeWrittenThroughTheTableApi() {
        SnClient.Response insert = client.post("/api/now/table/sys_journal_field",
                "{\"element\":\"work_notes\",\"value\":\"x\"}");

        assertThat(insert.status()).isEqualTo(403);
        assertThat(sim.records("sys_journal_field")).isEmpty();
    }
}
