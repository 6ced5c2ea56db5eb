package io.ticketbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void newIdsAreVersion7UuidsCarryingTheClock() {
        long before = System.currentTimeMillis();
        String id = Ids.newId();
        long after = System.currentTimeMillis();
        UUID u = UUID.fromString(id);
        assertThat(Ids.isValid(id)).isTrue();
        assertThat(u.version()).isEqualTo(7);
        assertThat(u.variant()).isEqualTo(2);
        // the first 48 bits are Unix milliseconds (a counter overflow may push it a little ahead)
        assertThat(u.getMostSignificantBits() >>> 16).isBetween(before, after + 50);
    }

    @Test
    void idsSortInCreationOrderAndNeverRepeat() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(Ids.newId());
        }
        // as strings: the stores compare varchar keys, so text order must be creation order
        assertThat(ids).isSorted();
        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSize(ids.size());
    }

    @Test
    void aClockGoingBackOrAFullCounterStillOrdersIds() {
        long now = System.currentTimeMillis();
        UUID first = Ids.newUuid(now);
        // more ids in one millisecond than the 12-bit counter holds: they spill into the next milliseconds
        UUID previous = first;
        for (int i = 0; i < 5_000; i++) {
            UUID next = Ids.newUuid(now);
            assertThat(next.toString()).isGreaterThan(previous.toString());
            previous = next;
        }
        // the clock stepping back a second changes nothing: still after every id before
        UUID afterStepBack = Ids.newUuid(now - 1_000);
        assertThat(afterStepBack.toString()).isGreaterThan(previous.toString());
        assertThat(afterStepBack.version()).isEqualTo(7);
    }

    @Test
    void version4IdsMadeBeforeStayValid() {
        assertThat(Ids.isValid(UUID.randomUUID().toString())).isTrue();
        assertThat(Ids.isValid("not-an-id")).isFalse();
        assertThat(Ids.isValid(null)).isFalse();
    }
}
