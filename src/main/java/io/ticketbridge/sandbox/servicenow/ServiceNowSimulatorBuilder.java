package io.ticketbridge.sandbox.servicenow;

import io.ticketbridge.sandbox.support.SimClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Options of a {@link ServiceNowSimulator}; {@link #start()} copies them, so later changes do not leak in. */
public final class ServiceNowSimulatorBuilder {

    private final ServiceNowSettings s = new ServiceNowSettings();

    ServiceNowSimulatorBuilder() {
    }

    /** 0 (default) picks a free port. */
    public ServiceNowSimulatorBuilder port(int value) { s.port = value; return this; }

    /** Size of the bounded handler pool (default 16). */
    public ServiceNowSimulatorBuilder threads(int value) { s.threads = value; return this; }

    /**
     * An API user for Basic auth and the password grant (also a sys_user row). Without any, one user
     * {@code ticketbridge.integration} / {@code sandbox-password} exists.
     */
    public ServiceNowSimulatorBuilder user(String userName, String password) {
        return user(userName, password, userName);
    }

    public ServiceNowSimulatorBuilder user(String userName, String password, String displayName) {
        s.passwords.put(userName, password);
        s.userNames.put(userName, displayName);
        return this;
    }

    /** The OAuth application (default {@code sandbox-oauth-client} / {@code sandbox-oauth-secret}). */
    public ServiceNowSimulatorBuilder oauthClient(String clientId, String clientSecret) {
        s.clientId = clientId; s.clientSecret = clientSecret; return this;
    }

    /** Whether grant_type=client_credentials is enabled (default true; off on instances without the property). */
    public ServiceNowSimulatorBuilder clientCredentialsGrant(boolean enabled) {
        s.clientCredentialsGrant = enabled; return this;
    }

    /** The OAuth application user client_credentials tokens act as (default: the first API user). */
    public ServiceNowSimulatorBuilder clientCredentialsUser(String userName) {
        s.clientCredentialsUser = userName; return this;
    }

    /** Access token lifetime (default 1799 s, the documented {@code expires_in}). */
    public ServiceNowSimulatorBuilder accessTokenLifetime(Duration value) { s.accessTokenLifetime = value; return this; }

    /** Refresh token lifetime (default 100 days, the platform default). */
    public ServiceNowSimulatorBuilder refreshTokenLifetime(Duration value) {
        s.refreshTokenLifetime = value; return this;
    }

    /** This instance's incident close codes, as {@code sys_choice} lists them (value = label). */
    public ServiceNowSimulatorBuilder closeCodes(String... codes) { s.closeCodes = List.of(codes); return this; }

    /** Whether an open incident may go straight to Closed (7) without Resolved first (default false: 403). */
    public ServiceNowSimulatorBuilder allowDirectClose(boolean value) { s.allowDirectClose = value; return this; }

    /** Per-user budget of {@code requests} per {@code window} (token bucket); 0 (default) is unlimited. */
    public ServiceNowSimulatorBuilder rateLimit(int requests, Duration window) {
        s.rateLimitRequests = requests; s.rateLimitWindow = window; return this;
    }

    public ServiceNowSimulatorBuilder rateLimitPerSecond(int requests) {
        return rateLimit(requests, Duration.ofSeconds(1));
    }

    /** Tokens a user can save up (default 1: requests must be evenly paced, which makes the limit exact). */
    public ServiceNowSimulatorBuilder rateLimitBurst(int tokens) { s.rateLimitBurst = tokens; return this; }

    /** Timing headers on limited responses (default {@link RateLimitHeaders#FULL}). */
    public ServiceNowSimulatorBuilder rateLimitHeaders(RateLimitHeaders mode) { s.rateLimitHeaders = mode; return this; }

    /** Every {@code every}-th page of a list has {@code hiddenRows} unreadable rows (a short or empty page). */
    public ServiceNowSimulatorBuilder shortPages(int every, int hiddenRows) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1");
        }
        int[] pattern = new int[every];
        pattern[every - 1] = hiddenRows;
        s.hiddenRowsPerPage = pattern;
        return this;
    }

    /** Unreadable rows opening each page, cyclic: {@code (0, 3, 0, Integer.MAX_VALUE)} = short 2nd, empty 4th. */
    public ServiceNowSimulatorBuilder hiddenRowsPerPage(int... pattern) {
        s.hiddenRowsPerPage = pattern.clone(); return this;
    }

    /** Time source of timestamps, tokens and the rate limit (default real time; tests move it). */
    public ServiceNowSimulatorBuilder clock(SimClock value) { s.clock = value; return this; }

    /** Seed of generated sys_ids, for repeatable runs. */
    public ServiceNowSimulatorBuilder seed(long value) { s.seed = value; return this; }

    /** Whether missing Accept (all calls) and Content-Type (bodies) are 400 as documented (default true). */
    public ServiceNowSimulatorBuilder requireAcceptHeaders(boolean value) { s.requireAcceptHeaders = value; return this; }

    /** {@code glide.invalid_query.returns_no_rows}: an unknown column in a query gives no rows, not all. */
    public ServiceNowSimulatorBuilder invalidQueryReturnsNoRows(boolean value) {
        s.invalidQueryReturnsNoRows = value; return this;
    }

    /** Most recent requests kept in the journal (default 10,000). */
    public ServiceNowSimulatorBuilder journalLimit(int value) { s.journalLimit = value; return this; }

    /** Replaces the seeded sys_user_group names. */
    public ServiceNowSimulatorBuilder groups(String... names) {
        s.groups = new ArrayList<>(Arrays.asList(names)); return this;
    }

    /** One more seeded sys_user (a caller or agent, no password). */
    public ServiceNowSimulatorBuilder lookupUser(String userName, String displayName) {
        s.lookupUsers.put(userName, displayName); return this;
    }

    /** The user direct (agent-side) changes act as (default {@code beth.anglin}). */
    public ServiceNowSimulatorBuilder agent(String userName) { s.agentUser = userName; return this; }

    public ServiceNowSimulator start() {
        ServiceNowSettings copy = copy();
        copy.validate();
        return new ServiceNowSimulator(copy);
    }

    private ServiceNowSettings copy() {
        ServiceNowSettings c = new ServiceNowSettings();
        c.port = s.port;
        c.threads = s.threads;
        c.passwords.putAll(s.passwords);
        c.userNames.putAll(s.userNames);
        c.clientId = s.clientId;
        c.clientSecret = s.clientSecret;
        c.clientCredentialsGrant = s.clientCredentialsGrant;
        c.clientCredentialsUser = s.clientCredentialsUser;
        c.accessTokenLifetime = s.accessTokenLifetime;
        c.refreshTokenLifetime = s.refreshTokenLifetime;
        c.closeCodes = s.closeCodes;
        c.allowDirectClose = s.allowDirectClose;
        c.rateLimitRequests = s.rateLimitRequests;
        c.rateLimitWindow = s.rateLimitWindow;
        c.rateLimitBurst = s.rateLimitBurst;
        c.rateLimitHeaders = s.rateLimitHeaders;
        c.hiddenRowsPerPage = s.hiddenRowsPerPage.clone();
        c.clock = s.clock;
        c.seed = s.seed;
        c.requireAcceptHeaders = s.requireAcceptHeaders;
        c.invalidQueryReturnsNoRows = s.invalidQueryReturnsNoRows;
        c.journalLimit = s.journalLimit;
        c.groups = new ArrayList<>(s.groups);
        c.lookupUsers.putAll(s.lookupUsers);
        c.agentUser = s.agentUser;
        return c;
    }
}
