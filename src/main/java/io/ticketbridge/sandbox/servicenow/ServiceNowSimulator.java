package io.ticketbridge.sandbox.servicenow;

import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.support.FaultInjector;
import io.ticketbridge.sandbox.support.LoopbackHttpServer;
import io.ticketbridge.sandbox.support.RecordedRequest;
import io.ticketbridge.sandbox.support.RequestJournal;
import io.ticketbridge.sandbox.support.SimClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stateful ServiceNow instance over real loopback HTTP, for tests, benchmarks and the sandbox: the Table API
 * ({@code incident}, {@code change_request}, {@code sys_journal_field}, {@code sys_user_group}, {@code sys_user},
 * {@code sys_choice}, {@code sys_attachment}), the Attachment API and {@code /oauth_token.do}, following
 * external-apis.md section 2 and connectors.md section 6. Where behaviour is the simulator's own choice, the class
 * that implements it says so: {@link SnError} (error texts), {@link Pager} (short pages and {@code Link}),
 * {@link IncidentRules} and {@link ChangeRules} (state models), {@link RecordRenderer} (display values),
 * {@link OAuthTokenEndpoint}, {@link SnRateLimiter} and {@link ServiceNowWebhook}. Thread-safe.
 *
 * <p>Choices in short, where the vendor's behaviour is unknown or varies per instance:
 * <ul>
 *   <li>Missing {@code Accept} (any call) or {@code Content-Type} (bodies) is 400, as documented; switchable.</li>
 *   <li>Short and empty pages are ACL-hidden rows ({@link ServiceNowSimulatorBuilder#shortPages}); the
 *   {@code Link} header always has first and prev (negative offset on page one, as observed), next while rows
 *   follow, and last unless {@code sysparm_no_count=true}. A negative offset or a limit below 1 is 400.</li>
 *   <li>Data-policy refusals are 403 "Operation Failed" with "Data Policy Exception: ..." detail; an unknown
 *   close code or choice is refused the same way (real instances store it silently).</li>
 *   <li>Closed/Canceled incidents and changes are read-only (403 ACL). Lookup and system tables are read-only
 *   over HTTP; direct writes skip every rule.</li>
 *   <li>The rate limit is a per-user token bucket (burst 1 by default); there is no {@code X-RateLimit-Remaining}.</li>
 *   <li>Faults apply to {@code /api/} calls only, before authentication.</li>
 * </ul>
 */
public final class ServiceNowSimulator implements AutoCloseable {

    private final ServiceNowSettings settings;
    private final RequestJournal journal;
    private final FaultInjector faults = new FaultInjector();
    private final SnAuth auth;
    private final SnRateLimiter limiter;
    private final SnHttpHandler handler;
    private final DirectAccess direct;
    private final LoopbackHttpServer server;
    private volatile String baseUrl = "";

    ServiceNowSimulator(ServiceNowSettings settings) {
        this.settings = settings;
        SnTime time = new SnTime(settings.clock);
        Database db = new Database(settings.seed);
        Choices choices = new Choices(settings.closeCodes);
        Seeds.load(db, settings, choices, time.now());
        Fields fields = new Fields(db, choices);
        Journals journals = new Journals(db);
        RecordRenderer renderer = new RecordRenderer(fields, journals, this::baseUrl);
        RecordWriter writer = new RecordWriter(db, fields, journals, Map.of(
                Tables.INCIDENT, new IncidentRules(choices, settings.allowDirectClose),
                Tables.CHANGE, new ChangeRules(choices)), time);
        TableApi tables = new TableApi(new TableApi.Parts(db, fields, renderer, writer, journals,
                new Pager(settings.hiddenRowsPerPage), this::baseUrl, settings.invalidQueryReturnsNoRows));
        AttachmentApi attachments = new AttachmentApi(db, tables, renderer, time, this::baseUrl);
        journal = new RequestJournal(settings.journalLimit);
        auth = new SnAuth(settings);
        limiter = new SnRateLimiter(settings.clock, settings);
        handler = new SnHttpHandler(auth, new OAuthTokenEndpoint(auth, settings), limiter, tables, attachments,
                settings.requireAcceptHeaders);
        direct = new DirectAccess(db, writer, journals, attachments, renderer, Actor.of(settings.agentUser));
        server = LoopbackHttpServer.start(new LoopbackHttpServer.Config(settings.port, settings.threads, "sn-sim",
                settings.clock, journal, faults, request -> request.path().startsWith("/api/"), handler));
        baseUrl = server.baseUrl();
    }

    public static ServiceNowSimulatorBuilder builder() {
        return new ServiceNowSimulatorBuilder();
    }

    /** Starts with every default on a free port. */
    public static ServiceNowSimulator start() {
        return builder().start();
    }

    /** {@code http://127.0.0.1:<port>}, what a connector configures as the instance URL. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.port();
    }

    public String tokenUrl() {
        return baseUrl + OAuthTokenEndpoint.PATH;
    }

    /** The first API user and its password (the default {@code ticketbridge.integration} unless configured). */
    public String userName() {
        return settings.passwords.keySet().iterator().next();
    }

    public String password() {
        return settings.passwords.get(userName());
    }

    public SimClock clock() {
        return settings.clock;
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- what was received ------------------------------------------------------------------------------

    /** Every request received (also faulted, throttled and refused ones), oldest first. */
    public List<RecordedRequest> requests() {
        return journal.snapshot();
    }

    public void clearRequests() {
        journal.clear();
    }

    /** How many 429 answers were sent by the rate limiter (scripted ones are not counted). */
    public int count429() {
        return handler.count429();
    }

    // ---- faults: apply to /api/ calls, in the order scheduled, before auth and rate limit ------------------

    public void delayNext(int count, Duration delay) {
        faults.delayNext(count, delay);
    }

    /** The next {@code count} API calls get this status and body (JSON or text, by its first character). */
    public void failNext(int count, int status, String body) {
        faults.failNext(count, status, Map.of(), body);
    }

    public void failNext(int count, int status, Map<String, String> headers, String body) {
        faults.failNext(count, status, headers, body);
    }

    /** Closes the next {@code count} connections without an answer; a GET needs 2 (the JDK client retries once). */
    public void resetConnectionNext(int count) {
        faults.resetConnectionNext(count);
    }

    public void clearFaults() {
        faults.clear();
    }

    public int pendingFaults() {
        return faults.pendingCount();
    }

    // ---- auth and rate limit at runtime ----------------------------------------------------------------

    /** Every access token stops working now (refresh tokens still work), as after their expiry. */
    public void expireTokens() {
        auth.expireAccessTokens();
    }

    public void expireRefreshTokens() {
        auth.expireRefreshTokens();
    }

    /** A valid access token for an API user, without the token endpoint. */
    public String issueAccessToken(String userName) {
        if (!settings.passwords.containsKey(userName)) {
            throw new IllegalArgumentException("not an API user: " + userName);
        }
        return auth.issueAccessToken(userName);
    }

    /** Changes the per-user limit (0 requests switches it off); usage so far is forgotten. */
    public void rateLimit(int requests, Duration window, int burst) {
        limiter.configure(requests, window, burst);
    }

    public void rateLimitHeaders(RateLimitHeaders mode) {
        limiter.headers(mode);
    }

    // ---- state, directly (copies; writes act as the agent and skip data policies) -------------------------

    /** The record's stored values (references as sys_ids, journals empty), or null. */
    public Map<String, String> record(String table, String sysId) {
        return direct.record(table, sysId);
    }

    /** All rows of a table in insertion order. */
    public List<Map<String, String>> records(String table) {
        return direct.records(table);
    }

    /** The record's {@code sys_journal_field} rows, oldest first. */
    public List<Map<String, String>> journal(String recordSysId) {
        return direct.journal(recordSysId);
    }

    /** The record's {@code sys_attachment} rows. */
    public List<Map<String, String>> attachments(String recordSysId) {
        return direct.attachments(recordSysId);
    }

    public byte[] attachmentContent(String attachmentSysId) {
        return direct.attachmentContent(attachmentSysId);
    }

    /** Creates a record as the agent; {@code work_notes}/{@code comments} become journal rows. Returns the sys_id. */
    public String createDirect(String table, Map<String, String> fields) {
        return direct.create(table, fields);
    }

    /** Changes a record as the agent: sys_updated_on and sys_mod_count move, as after an edit in the UI. */
    public void updateDirect(String table, String sysId, Map<String, String> fields) {
        direct.update(table, sysId, fields);
    }

    public void addWorkNoteDirect(String table, String sysId, String text) {
        direct.update(table, sysId, Map.of("work_notes", text));
    }

    public void addCommentDirect(String table, String sysId, String text) {
        direct.update(table, sysId, Map.of("comments", text));
    }

    public String addAttachmentDirect(String table, String sysId, String fileName, String contentType,
                                      byte[] content) {
        return direct.addAttachment(table, sysId, fileName, contentType, content);
    }

    /** The fixed sys_id of a seeded group or user, e.g. for a sandbox configuration. */
    public static String groupSysId(String name) {
        return Seeds.groupSysId(name);
    }

    public static String userSysId(String userName) {
        return Seeds.userSysId(userName);
    }

    // ---- outbound webhook of a business rule --------------------------------------------------------------

    /** POSTs {@code {"table","sys_id","operation","record":{...}}} to {@code url}, signed with {@link WebhookSigning#HMAC}. */
    public ServiceNowWebhook.Delivery sendWebhook(String url, String secret, String table, String sysId,
                                                  String operation) {
        return sendWebhook(url, secret, WebhookSigning.HMAC, table, sysId, operation);
    }

    public ServiceNowWebhook.Delivery sendWebhook(String url, String secret, WebhookSigning signing, String table,
                                                  String sysId, String operation) {
        byte[] body = Json.writeBytes(direct.webhookPayload(table, sysId, operation));
        return ServiceNowWebhook.send(url, ServiceNowWebhook.headers(signing, secret,
                settings.clock.millis() / 1000, body), body);
    }

    /** Runs a simulator for manual tries: {@code java ... ServiceNowSimulator [port]}. */
    public static void main(String[] args) throws InterruptedException {
        ServiceNowSimulator sim = builder().port(args.length > 0 ? Integer.parseInt(args[0]) : 8090).start();
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.printf("ServiceNow simulator on %s (Basic user %s; OAuth client %s)%n", sim.baseUrl(),
                sim.userName(), sim.settings.clientId);
        Thread.currentThread().join();
    }
}
