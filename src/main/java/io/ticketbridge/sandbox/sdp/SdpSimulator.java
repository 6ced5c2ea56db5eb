package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A stateful ManageEngine ServiceDesk Plus REST API v3 simulator over real loopback HTTP, for tests, benchmarks
 * and the offline sandbox profile. The API lives under {@code baseUrl() + "/api/v3"}; Zoho's token endpoint under
 * {@code baseUrl() + "/oauth/v2/token"}.
 *
 * <p>Choices where the vendor is silent or unverified (see {@code external-apis.md} section 1):
 * <ul>
 *   <li>Bad or missing credentials, and expired access tokens: HTTP 401,
 *   {@code {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4022,"type":"failed",
 *   "message":"Invalid API Key"}]}}} (4022 "Invalid API Key" from copies of the vendor's error-code page).</li>
 *   <li>Rate limit: HTTP 429, {@code Retry-After: <whole seconds, >= 1>}, message code 4015 "API Rate Limit reached".</li>
 *   <li>Unknown URL or id: 404 with message code 4007; wrong method: 405 with {@code Allow}; malformed
 *   {@code input_data}: 400 with message code 4000.</li>
 *   <li>Create answers 201 (note and worklog creates too); everything else that succeeds answers 200.</li>
 *   <li>Default list order is {@code created_time desc}; {@code row_count} outside 1..100 is 4001, not clamped.</li>
 *   <li>Notes, worklogs, attachments and links do not bump the request's {@code last_updated_time} unless
 *   {@link Options#childChangesTouchRequest(boolean)}; a resolution does, as it is a request field.</li>
 *   <li>The {@code Accept} header is not enforced; assert it through {@link #requests()}.</li>
 * </ul>
 */
public final class SdpSimulator implements AutoCloseable {

    /** The media type SDP v3 clients send in {@code Accept}. */
    public static final String ACCEPT = "application/vnd.manageengine.sdp.v3+json";

    private final Options options;
    private final LoopbackServer server;
    private final SdpApi api;
    private final SdpAuth auth;
    private final RateLimiter limiter;
    private final FaultInjector faults = new FaultInjector();
    private final RequestJournal journal;
    private final SdpHttpHandler handler;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SdpSimulator(Options options) throws IOException {
        this.options = options;
        api = new SdpApi(options);
        auth = new SdpAuth(options, options.clock);
        limiter = new RateLimiter(options.clock, options.rateLimitPerSecond);
        journal = new RequestJournal(options.journalLimit);
        handler = new SdpHttpHandler(new SdpHttpHandler.Parts(api.router, auth,
                new OAuthTokenEndpoint(auth, this::baseUrl), limiter, faults, journal, options.clock,
                options.lenientInputData ? Json.LENIENT : Json.MAPPER));
        server = new LoopbackServer(options.port, options.threads, handler);
    }

    /** Starts on a random loopback port with default {@link Options}. */
    public static SdpSimulator start() {
        return start(new Options());
    }

    public static SdpSimulator start(Options options) {
        try {
            return new SdpSimulator(options.copy());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SDP simulator", e);
        }
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}, without the {@code /api/v3} suffix. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code baseUrl() + "/api/v3"}. */
    public String apiUrl() {
        return baseUrl() + SdpHttpHandler.API_PREFIX;
    }

    /** Zoho-style token endpoint URL. */
    public String tokenUrl() {
        return baseUrl() + OAuthTokenEndpoint.PATH;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop();
        }
    }

    // ---- credentials -------------------------------------------------------------------------------------

    /** The on-prem technician key accepted in {@code authtoken}. */
    public String authtoken() {
        return options.authtoken;
    }

    /** A valid Cloud access token without going through the token endpoint. */
    public String issueAccessToken() {
        return auth.issueAccessToken();
    }

    /** Invalidates every issued access token, as if all had reached their expiry. */
    public void expireAccessTokens() {
        auth.expireAccessTokens();
    }

    // ---- ops controls (apply to /api/v3 only; thread-safe) ----------------------------------------------

    /** Changes the limit at runtime; 0 switches it off. */
    public void rateLimit(int perSecond) {
        limiter.limit(perSecond);
    }

    /** The next {@code count} API calls get this response instead of being handled. */
    public void failNext(int count, int status, Map<String, String> headers, String body) {
        faults.schedule(count, new FaultInjector.Fail(status, headers == null ? Map.of() : Map.copyOf(headers), body));
    }

    /** {@link #failNext} with an SDP error body and the HTTP status that goes with the code (4004 → 500, ...). */
    public void failNextWithSdpError(int count, int messageCode, String field, String message) {
        failNext(count, SdpErrors.httpStatus(messageCode), Map.of(), SdpErrors.body(messageCode, field, message));
    }

    /** The next {@code count} API calls are held for {@code delay} and then handled normally. */
    public void delayNext(int count, Duration delay) {
        faults.schedule(count, new FaultInjector.Delay(delay));
    }

    /**
     * The next {@code count} API calls get their connection closed with no response bytes. Each attempt uses one:
     * the JDK HttpClient silently retries an idempotent request (GET) once, so it only sees a reset GET with 2.
     */
    public void resetConnectionNext(int count) {
        faults.schedule(count, new FaultInjector.Reset());
    }

    public void clearFaults() {
        faults.clear();
    }

    public int pendingFaults() {
        return faults.pendingCount();
    }

    /** Every request received (all paths, also faulted, throttled and unauthorised ones), oldest first. */
    public List<RecordedRequest> requests() {
        return journal.snapshot();
    }

    public void clearRequests() {
        journal.clear();
    }

    /** How many 429 responses were sent, rate-limited or scripted. */
    public int count429() {
        return handler.count429();
    }

    // ---- state as SDP holds it (copies) -----------------------------------------------------------------

    /** The live request, or null when unknown or deleted. */
    public JsonNode request(String id) {
        try {
            return api.requests.get(id);
        } catch (SdpApiException e) {
            return null;
        }
    }

    public int requestCount() {
        return api.ctx.store().size();
    }

    public boolean isTrashed(String id) {
        return api.ctx.store().isTrashed(id);
    }

    /** The sub-collection readers throw {@link IllegalArgumentException} for an unknown request. */
    public List<JsonNode> notes(String id) {
        return List.copyOf(direct(() -> api.notes.notes(id)));
    }

    public List<JsonNode> worklogs(String id) {
        return List.copyOf(direct(() -> api.worklogs.worklogs(id)));
    }

    public List<JsonNode> attachments(String id) {
        return List.copyOf(direct(() -> api.attachments.attachments(id)));
    }

    public byte[] attachmentContent(String id, String attachmentId) {
        return direct(() -> api.attachments.content(id, attachmentId));
    }

    public List<JsonNode> links(String id) {
        return List.copyOf(direct(() -> api.links.links(id)));
    }

    // ---- agent-side changes, made as the technician (for two-way sync tests) ------------------------------

    /** Creates a request from its fields ({@code {"subject":...}}); a {@code {"request":{...}}} wrapper is unwrapped. */
    public String createRequestDirect(ObjectNode fields) {
        ObjectNode input = fields.size() == 1 && fields.path("request").isObject() ? (ObjectNode) fields.get("request")
                : fields;
        return direct(() -> api.requests.create(input, api.ctx.technician()).get("id").asText());
    }

    /** Partial update with the same validation as {@code PUT}; bumps {@code last_updated_time}. */
    public void updateRequestDirect(String id, ObjectNode changes) {
        direct(() -> api.requests.update(id, changes));
    }

    public String addNoteDirect(String id, String text) {
        ObjectNode note = Json.object().put("description", text).put("show_to_requester", false);
        return direct(() -> api.notes.add(id, note, api.ctx.technician()).get("id").asText());
    }

    public String addWorklogDirect(String id, String description, Duration timeSpent) {
        ObjectNode worklog = Json.object().put("description", description);
        worklog.putObject("time_spent").put("hours", timeSpent.toHours()).put("minutes", timeSpent.toMinutesPart());
        return direct(() -> api.worklogs.add(id, worklog, api.ctx.technician()).get("id").asText());
    }

    public String addAttachmentDirect(String id, String name, byte[] content) {
        return direct(() -> api.attachments.add(id, name, null, content, api.ctx.technician()).get("id").asText());
    }

    public void setResolutionDirect(String id, String content) {
        direct(() -> api.resolutions.set(id, Json.object().put("content", content), api.ctx.technician()));
    }

    /** Direct calls report SDP rejections as {@link IllegalArgumentException} carrying the SDP error body. */
    private static <T> T direct(Supplier<T> work) {
        try {
            return work.get();
        } catch (SdpApiException e) {
            throw new IllegalArgumentException(e.body().toString(), e);
        }
    }

    /** Runs the simulator for manual tries: {@code java ... SdpSimulator [port]}. */
    public static void main(String[] args) throws InterruptedException {
        Options options = new Options().port(args.length > 0 ? Integer.parseInt(args[0]) : 8089);
        SdpSimulator simulator = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.printf("SDP simulator on %s (authtoken: %s, OAuth client %s / %s, refresh token %s)%n",
                simulator.apiUrl(), options.authtoken, options.oauthClientId, options.oauthClientSecret,
                options.oauthRefreshToken);
        Thread.currentThread().join();
    }

    /** Start-up settings; fluent, copied at {@link #start(Options)} so later changes do not leak in. */
    public static final class Options {
        int port;
        int threads = 16;
        String authtoken = "sandbox-authtoken";
        boolean requireAuth = true;
        String oauthClientId = "1000.SANDBOXCLIENTID";
        String oauthClientSecret = "sandbox-client-secret";
        String oauthRefreshToken = "1000.sandbox.refresh-token";
        Duration accessTokenLifetime = Duration.ofHours(1);
        List<String> groups = List.of("Service Desk", "Network Team", "Hardware Team", "Software Team", "Security Team");
        List<String> categories = List.of("Network", "Hardware", "Software", "Access", "Email", "Printers",
                "Operating System", "User Administration", "General");
        List<String> closureRequiredFields = List.of();
        int rateLimitPerSecond;
        Clock clock = Clock.systemUTC();
        boolean lenientInputData;
        boolean childChangesTouchRequest;
        int journalLimit = 10_000;
        String apiUserName = "TicketBridge Integration";
        String apiUserEmail = "ticketbridge@example.com";
        String technicianName = "Sandbox Technician";
        String technicianEmail = "technician@example.com";

        /** 0 (default) picks a free port. */
        public Options port(int value) { port = value; return this; }
        /** Size of the bounded handler pool (default 16). */
        public Options threads(int value) { threads = value; return this; }
        /** On-prem technician key; null accepts no key (Cloud tokens only). */
        public Options authtoken(String value) { authtoken = value; return this; }
        /** false lets every call through without credentials (manual curl tries). */
        public Options requireAuth(boolean value) { requireAuth = value; return this; }
        public Options oauthClient(String clientId, String clientSecret) {
            oauthClientId = clientId; oauthClientSecret = clientSecret; return this;
        }
        public Options oauthRefreshToken(String value) { oauthRefreshToken = value; return this; }
        /** How long issued access tokens stay valid (default 1 hour, as Zoho). */
        public Options accessTokenLifetime(Duration value) { accessTokenLifetime = value; return this; }
        /** Valid group names; others are 4001 on {@code group}. */
        public Options groups(String... names) { groups = List.of(names); return this; }
        /** Valid category names; others are 4001 on {@code category}. */
        public Options categories(String... names) { categories = List.of(names); return this; }
        /** Closure rule requiring {@code resolution.content} (4003 on close without it). */
        public Options closureRequiresResolution(boolean on) {
            closureRequiredFields = on ? List.of("resolution.content") : List.of(); return this;
        }
        /** Closure rule as field paths that must be filled, e.g. {@code "category", "closure_info.closure_code"}. */
        public Options closureRequiredFields(String... paths) { closureRequiredFields = List.of(paths); return this; }
        /** Requests per second over {@code /api/v3} before 429s; 0 (default) is unlimited. */
        public Options rateLimitPerSecond(int value) { rateLimitPerSecond = value; return this; }
        /** Time source for timestamps, token expiry and the rate window; tests pass a controllable clock. */
        public Options clock(Clock value) { clock = value; return this; }
        /** Accept single-quoted {@code input_data} as some clients send; default strict JSON. */
        public Options lenientInputData(boolean value) { lenientInputData = value; return this; }
        /** Whether notes, worklogs, attachments and links bump the request's {@code last_updated_time}. */
        public Options childChangesTouchRequest(boolean value) { childChangesTouchRequest = value; return this; }
        /** Most recent requests kept in the journal (default 10,000). */
        public Options journalLimit(int value) { journalLimit = value; return this; }
        /** The user API calls act as (owner of notes and worklogs made over HTTP). */
        public Options apiUser(String name, String email) { apiUserName = name; apiUserEmail = email; return this; }
        /** The user direct (agent-side) changes act as. */
        public Options technician(String name, String email) {
            technicianName = name; technicianEmail = email; return this;
        }

        Options copy() {
            Options c = new Options().port(port).threads(threads).authtoken(authtoken).requireAuth(requireAuth)
                    .oauthClient(oauthClientId, oauthClientSecret).oauthRefreshToken(oauthRefreshToken)
                    .accessTokenLifetime(accessTokenLifetime).rateLimitPerSecond(rateLimitPerSecond).clock(clock)
                    .lenientInputData(lenientInputData).childChangesTouchRequest(childChangesTouchRequest)
                    .journalLimit(journalLimit).apiUser(apiUserName, apiUserEmail)
                    .technician(technicianName, technicianEmail);
            c.groups = groups;
            c.categories = categories;
            c.closureRequiredFields = closureRequiredFields;
            return c;
        }
    }
}
