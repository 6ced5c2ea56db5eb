package io.ticketbridge.component.servicedeskplus;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;

/**
 * ServiceDesk Plus REST API v3 over the shared HTTP client: the v3 Accept header, input_data
 * encoding (form field on writes, query parameter on list reads), authentication with one token
 * refresh on 401, list_info paging, and response_status errors as typed exceptions.
 */
final class SdpClient {

    static final String ACCEPT = "application/vnd.manageengine.sdp.v3+json";

    private final DeskHttpClient http;
    private final SdpAuth auth;
    private final Integration integration;
    private final Map<String, String> creds;
    private final DeskHttpClient.Target target;
    private final Duration timeout;

    SdpClient(DeskHttpClient http, SdpAuth auth, Integration integration, Map<String, String> creds, Duration timeout) {
        this.http = http;
        this.auth = auth;
        this.integration = integration;
        this.creds = creds;
        this.timeout = timeout;
        double rate = Double.parseDouble(integration.configText("max_requests_per_second", "10"));
        this.target = new DeskHttpClient.Target(integration.spaceId(), integration.id(), "servicedeskplus", rate,
                DeskHttpClient.Target.secretsOf(creds));
    }

    JsonNode get(String path, JsonNode inputData) {
        String query = inputData == null ? "" : "?input_data=" + enc(Json.write(inputData));
        return call("GET", path + query, null, null);
    }

    JsonNode post(String path, JsonNode inputData) {
        return call("POST", path, "application/x-www-form-urlencoded", form(inputData));
    }

    JsonNode put(String path, JsonNode inputData) {
        return call("PUT", path, "application/x-www-form-urlencoded", inputData == null ? new byte[0] : form(inputData));
    }

    JsonNode delete(String path, JsonNode inputData) {
        return call("DELETE", path, inputData == null ? null : "application/x-www-form-urlencoded",
                inputData == null ? null : form(inputData));
    }

    /** PUT /requests/{id}/upload, multipart with the file part named input_file (one file per call). */
    JsonNode upload(String requestId, String fileName, String contentType, byte[] content) {
        String boundary = "tb" + UUID.randomUUID().toString().replace("-", "");
        String safeName = fileName.replace("\"", "");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"input_file\"; filename=\""
                + safeName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return SdpResponses.checked(send("PUT", "/requests/" + requestId + "/upload",
                "multipart/form-data; boundary=" + boundary, body, true));
    }

    byte[] download(String path) {
        DeskHttpClient.Response r = send("GET", path, null, null, true);
        return r.body();
    }

    /** All pages of a list endpoint: start_index += row_count while has_more_rows. */
    ArrayNode listAll(String path, String key, ObjectNode listInfo, int maxRows) {
        ArrayNode all = Json.MAPPER.createArrayNode();
        ObjectNode info = listInfo.deepCopy();
        int rowCount = Math.min(100, Math.max(1, info.path("row_count").asInt(100)));
        info.put("row_count", rowCount);
        int start = Math.max(1, info.path("start_index").asInt(1));
        while (all.size() < maxRows) {
            info.put("start_index", start);
            JsonNode page = get(path, Json.object().set("list_info", info));
            page.path(key).forEach(all::add);
            if (!page.path("list_info").path("has_more_rows").asBoolean(false) || page.path(key).isEmpty()) {
                break;
            }
            start += rowCount;
        }
        return all;
    }

    private JsonNode call(String method, String path, String contentType, byte[] body) {
        return SdpResponses.checked(send(method, path, contentType, body, false));
    }

    /** {@code file}: the body sent or received is a file (audited by size only). */
    private DeskHttpClient.Response send(String method, String path, String contentType, byte[] body, boolean file) {
        try {
            return once(method, path, contentType, body, file);
        } catch (DeskAuthenticationException e) {
            if (!SdpAuth.isCloud(integration) || e.statusCode() != 401) {
                throw e;
            }
            // an access token can expire early (revoked, clock skew): refresh once and retry
            auth.invalidate(integration);
            return once(method, path, contentType, body, file);
        }
    }

    private DeskHttpClient.Response once(String method, String path, String contentType, byte[] body,
                                         boolean file) {
        Map<String, String> headers = new LinkedHashMap<>(auth.headers(integration, creds, http, target));
        headers.put("Accept", ACCEPT);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        URI uri = URI.create(integration.baseUrl() + "/api/v3" + path);
        DeskHttpClient.Response r = http.exchange(target, file
                ? DeskHttpClient.Request.file(method, uri, headers, body, timeout)
                : DeskHttpClient.Request.of(method, uri, headers, body, timeout));
        if (r.status() >= 400) {
            rejectOrThrow(r);
        }
        return r;
    }

    /** 401/403/429/5xx keep their shared meaning; other 4xx carry SDP's own message and field. */
    private void rejectOrThrow(DeskHttpClient.Response r) {
        int s = r.status();
        if (s == 401 || s == 403 || s == 429 || s >= 500) {
            http.classify(target, r, "servicedeskplus");
        }
        JsonNode body;
        try {
            body = Json.read(r.text());
        } catch (RuntimeException e) {
            body = Json.object();
        }
        JsonNode status = body.path("response_status");
        throw SdpResponses.rejection(s, status.isArray() ? status.path(0) : status, r.text());
    }

    private static byte[] form(JsonNode inputData) {
        return ("input_data=" + enc(Json.write(inputData))).getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
