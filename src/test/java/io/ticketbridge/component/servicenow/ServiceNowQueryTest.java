package io.ticketbridge.component.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.ticketbridge.component.support.DeskHttpClient;
import org.junit.jupiter.api.Test;

/** Encoded queries and Link headers, without HTTP. */
class ServiceNowQueryTest {

    @Test
    void conditionsJoinWithAndOrAndNewQueryThenOrderingEndsWithSysId() {
        assertThat(ServiceNowQuery.where("active", "=", "true").and("state", "!=", "6").or("state", "=", "3")
                .newQuery("priority", "<=", "2").orderBy("sys_updated_on").build())
                .isEqualTo("active=true^state!=6^ORstate=3^NQpriority<=2^ORDERBYsys_updated_on^ORDERBYsys_id");
        assertThat(ServiceNowQuery.where("element_id", "=", "x").orderByDesc("sys_created_on").build())
                .isEqualTo("element_id=x^ORDERBYDESCsys_created_on^ORDERBYDESCsys_id");
        assertThat(ServiceNowQuery.where("a", "=", "1").orderBy("sys_id").build()).isEqualTo("a=1^ORDERBYsys_id");
        assertThat(ServiceNowQuery.where("a", "=", "1").build()).isEqualTo("a=1");
    }

    @Test
    void aValueCannotCarryASeparatorNorAFieldAnOperator() {
        assertThatThrownBy(() -> ServiceNowQuery.where("short_description", "=", "a^NQactive=false"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceNowQuery.where("a=1^b", "=", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    static DeskHttpClient.Response withLinks(String... values) {
        return new DeskHttpClient.Response(200, Map.of("link", List.of(values)), new byte[0], 1);
    }

    @Test
    void theNextLinkIsFoundInEitherFormAndAmongSeveralHeaders() {
        assertThat(ServiceNowLinks.next(withLinks("<https://i/api/now/table/x?a=1,2&b=3>;rel=\"next\","
                + "<https://i/api/now/table/x?b=0>;rel=\"first\""))).contains("https://i/api/now/table/x?a=1,2&b=3");
        assertThat(ServiceNowLinks.next(withLinks("<https://i/p?x=0>; rel=\"prev\"", "<https://i/p?x=2>; rel=next")))
                .contains("https://i/p?x=2");
        assertThat(ServiceNowLinks.next(withLinks("<https://i/p?x=2>; rel=\"last next\""))).contains("https://i/p?x=2");
        assertThat(ServiceNowLinks.next(withLinks("<https://i/p?x=0>;rel=\"first\""))).isEmpty();
        assertThat(ServiceNowLinks.next(new DeskHttpClient.Response(200, Map.of(), new byte[0], 1))).isEmpty();
    }

    @Test
    void aLinkIsFollowedOnlyOnTheConfiguredInstance() {
        java.net.URI instance = java.net.URI.create("https://acme.service-now.com");
        java.net.URI current = java.net.URI.create("https://acme.service-now.com/api/now/table/incident?x=1");
        assertThat(ServiceNowLinks.onInstance(instance, current, "https://ACME.service-now.com:443/api/now/table/incident?x=2"))
                .hasToString("https://ACME.service-now.com:443/api/now/table/incident?x=2");
        for (String foreign : new String[] {"http://acme.service-now.com/api/now/table/incident",
            "https://acme.service-now.com.evil.io/api/now/table/incident", "https://user@acme.service-now.com/api/now/x",
            "https://acme.service-now.com/login.do", "//evil.io/api/now/table/incident"}) {
            assertThatThrownBy(() -> ServiceNowLinks.onInstance(instance, current, foreign)).as(foreign)
                    .isInstanceOf(ServiceNowRejectedException.class);
        }
    }
}
