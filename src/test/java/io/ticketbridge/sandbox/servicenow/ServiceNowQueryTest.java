package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.enc;
import static io.ticketbridge.sandbox.servicenow.SnClient.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.sandbox.support.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Encoded queries over real HTTP; each operator and connective with its own case. */
class ServiceNowQueryTest {

    private final SimClock clock = SimClock.fixed(Instant.parse("2024-06-03T10:00:00Z"));
    private final ServiceNowSimulator sim = ServiceNowSimulator.builder().clock(clock).seed(11).start();
    private final SnClient client = SnClient.basic(sim);
    private String a;
    private String b;

    @BeforeEach
    void seed() {
        // A and B share sys_updated_on, so their order in a sort on it comes from the sys_id tie-break.
        a = sim.createDirect("incident", fields("short_description", "Email down", "state", "1", "impact", "1",
                "urgency", "1", "assignment_group", "IT Support"));
        b = sim.createDirect("incident", fields("short_description", "Printer jam", "state", "2", "impact", "2",
                "urgency", "2", "assignment_group", "Hardware"));
        clock.advance(Duration.ofMinutes(5));
        sim.createDirect("incident", fields("short_description", "email slow", "state", "2", "impact", "3",
                "urgency", "3"));
        clock.advance(Duration.ofMinutes(5));
        sim.createDirect("incident", fields("short_description", "VPN broken", "state", "3", "hold_reason", "1",
                "impact", "2", "urgency", "1", "assignment_group", "Network"));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<String> query(String encoded) {
        return list("/api/now/table/incident?sysparm_query=" + enc(encoded));
    }

    private List<String> list(String path) {
        SnClient.Response response = client.get(path);
        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.result().forEach(row -> names.add(row.get("short_description").asText()));
        return names;
    }

    @Test
    void equalsAndNotEquals() {
        assertThat(query("state=2")).containsExactlyInAnyOrder("Printer jam", "email slow");
        assertThat(query("state!=2")).containsExactlyInAnyOrder("Email down", "VPN broken");
        assertThat(query("short_description=email down")).isEmpty();
    }

    @Test
    void likeAndStartsWithIgnoreCase() {
        assertThat(query("short_descriptionLIKEemail")).containsExactlyInAnyOrder("Email down", "email slow");
        assertThat(query("short_descriptionSTARTSWITHprinter")).containsExactly("Printer jam");
        assertThat(query("short_descriptionENDSWITHSLOW")).containsExactly("email slow");
        assertThat(query("short_descriptionNOT LIKEemail")).containsExactlyInAnyOrder("Printer jam", "VPN broken");
    }

    @Test
    void dateComparisonsOnSysUpdatedOn() {
        assertThat(query("sys_updated_on>2024-06-03 10:00:00")).containsExactlyInAnyOrder("email slow", "VPN broken");
        assertThat(query("sys_updated_on>=2024-06-03 10:05:00")).containsExactlyInAnyOrder("email slow", "VPN broken");
        assertThat(query("sys_updated_on<2024-06-03 10:05:00")).containsExactlyInAnyOrder("Email down", "Printer jam");
        assertThat(query("sys_updated_on<=2024-06-03 10:05:00")).hasSize(3);
        assertThat(query("sys_updated_on>javascript:gs.dateGenerate('2024-06-03','10:05:00')"))
                .containsExactly("VPN broken");
    }

    @Test
    void numberComparisonsAreNumeric() {
        assertThat(query("priority<=2")).containsExactlyInAnyOrder("Email down", "VPN broken");
        assertThat(query("priority>3")).containsExactly("email slow");
        // As text "-5" > "-2"; as numbers it is smaller.
        for (String state : List.of("-5", "-4", "-1")) {
            sim.createDirect("change_request", fields("short_description", "chg " + state, "state", state));
        }
        assertThat(list("/api/now/table/change_request?sysparm_query=" + enc("state<-2")))
                .containsExactlyInAnyOrder("chg -5", "chg -4");
    }

    @Test
    void inAndEmptiness() {
        assertThat(query("stateIN1,3")).containsExactlyInAnyOrder("Email down", "VPN broken");
        assertThat(query("stateNOT IN1,3")).containsExactlyInAnyOrder("Printer jam", "email slow");
        assertThat(query("assignment_groupISEMPTY")).containsExactly("email slow");
        assertThat(query("assignment_groupISNOTEMPTY")).hasSize(3);
    }

    @Test
    void caretIsAndOrBindsToThePrecedingCondition() {
        assertThat(query("state=2^short_descriptionLIKEemail")).containsExactly("email slow");
        assertThat(query("state=1^ORstate=3")).containsExactlyInAnyOrder("Email down", "VPN broken");
        // a AND (b OR c), not (a AND b) OR c, which would add "Email down" (priority 1, state 1).
        assertThat(query("state=2^priority=5^ORpriority=1")).containsExactly("email slow");
    }

    @Test
    void newQueryOrsWholeGroups() {
        assertThat(query("state=1^NQstate=3^priority=2")).containsExactlyInAnyOrder("Email down", "VPN broken");
        assertThat(query("state=1^NQpriority=5")).containsExactlyInAnyOrder("Email down", "email slow");
        assertThat(query("state=1^NQstate=3^priority=5")).containsExactly("Email down");
    }

    @Test
    void orderByDescBreaksTiesBySysId() {
        List<String> tied = a.compareTo(b) < 0 ? List.of("Email down", "Printer jam") : List.of("Printer jam", "Email down");

        List<String> ordered = query("ORDERBYDESCsys_updated_on");

        assertThat(ordered).containsExactly("VPN broken", "email slow", tied.get(0), tied.get(1));
        assertThat(query("state=2^ORstate=1^ORDERBYsys_updated_on")).startsWith(tied.get(0), tied.get(1));
        assertThat(query("ORDERBYstate^ORDERBYDESCpriority"))
                .containsExactly("Email down", "email slow", "Printer jam", "VPN broken");
    }

    @Test
    void dotWalkedReferenceColumns() {
        assertThat(query("assignment_group.name=IT Support")).containsExactly("Email down");
        assertThat(query("assignment_group.nameSTARTSWITHnet")).containsExactly("VPN broken");
    }

    @Test
    void nameValueFiltersAcceptLabelsAndNames() {
        assertThat(list("/api/now/table/incident?state=" + enc("In Progress")))
                .containsExactlyInAnyOrder("Printer jam", "email slow");
        assertThat(list("/api/now/table/incident?state=3")).containsExactly("VPN broken");
        assertThat(list("/api/now/table/incident?assignment_group=Hardware")).containsExactly("Printer jam");
    }

    @Test
    void invalidPartsAreIgnoredUnlessTheInstanceReturnsNoRows() {
        assertThat(query("no_such_column=1^state=1")).containsExactly("Email down");
        assertThat(query("ORDERBYno_such_column^state=1")).containsExactly("Email down");

        try (ServiceNowSimulator strict = ServiceNowSimulator.builder().invalidQueryReturnsNoRows(true).start()) {
            strict.createDirect("incident", fields("short_description", "x", "state", "1"));
            SnClient strictClient = SnClient.basic(strict);
            assertThat(strictClient.get("/api/now/table/incident?sysparm_query=" + enc("no_such_column=1^state=1"))
                    .result()).isEmpty();
            assertThat(strictClient.get("/api/now/table/incident?sysparm_query=state=1").result()).hasSize(1);
        }
    }

    @Test
    void closeCodesAreReadFromSysChoicePerInstance() {
        try (ServiceNowSimulator other = ServiceNowSimulator.builder().closeCodes("Fixed", "Not a bug").start()) {
            SnClient.Response choices = SnClient.basic(other).get("/api/now/table/sys_choice?sysparm_query="
                    + enc("name=incident^element=close_code^inactive=false^ORDERBYsequence")
                    + "&sysparm_fields=value,label");
            assertThat(choices.result().toString())
                    .isEqualTo("[{\"value\":\"Fixed\",\"label\":\"Fixed\"},{\"value\":\"Not a bug\",\"label\":\"Not a bug\"}]");
        }
        SnClient.Response defaults = client.get("/api/now/table/sys_choice?sysparm_query="
                + enc("name=incident^element=close_code^ORDERBYsequence") + "&sysparm_fields=value");
        List<String> values = new ArrayList<>();
        defaults.result().forEach(row -> values.add(row.get("value").asText()));
        assertThat(values).containsExactlyElementsOf(ServiceNowSettings.DEFAULT_CLOSE_CODES);
    }
}
