package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Simulator controls under {@code /_sim/} for curl demos. Not part of the bridge: no {@code x-api-key},
 * not journaled, never affected by injected faults.
 *
 * <pre>
 * POST /_sim/agent/tickets                         {fields...}                  -> {"ticketNumber":"e-CS..."}
 * POST /_sim/agent/tickets/{n}/update              {changed fields...}
 * POST /_sim/agent/tickets/{n}/notes               {"body":"...","commenter":"..."}
 * POST /_sim/agent/tickets/{n}/resolve             {"closeNotes":"..."}
 * POST /_sim/agent/tickets/{n}/close               {"closeNotes":"...","closeCode":"..."}
 * POST /_sim/agent/tickets/{n}/reopen
 * POST /_sim/agent/tickets/{n}/request-approval    {"approverName":"...","approverEmail":"..."} (a Change)
 *                                                   -> {"approvalId":"..."}
 * POST /_sim/agent/tickets/{n}/redraft             (a Change: back to state New)
 * POST /_sim/agent/tickets/{n}/attachments/{file}  raw bytes, Content-Type of the file
 * GET  /_sim/tickets                               all stored tickets
 * GET  /_sim/tickets/{n}                           one stored ticket
 * </pre>
 * Errors: 404 unknown ticket or path, 409 ticket state forbids the action, 400 bad input.
 */
final class AgentHttpApi {

    static final String PREFIX = "/_sim/";

    private final EnsonoAgent agent;
    private final TicketStore store;

    AgentHttpApi(EnsonoAgent agent, TicketStore store) {
        this.agent = agent;
        this.store = store;
    }

    SimResponse handle(RecordedRequest request) {
        try {
            List<String> path = segments(request.path());
            if ("GET".equals(request.method()) && path.size() >= 1 && "tickets".equals(path.get(0))) {
                return read(path);
            }
            if ("POST".equals(request.method()) && path.size() >= 2 && "agent".equals(path.get(0))
                    && "tickets".equals(path.get(1))) {
                return act(path.subList(2, path.size()), request);
            }
            return error(404, "unknown simulator path " + request.path());
        } catch (NoSuchElementException e) {
            return error(404, e.getMessage());
        } catch (IllegalStateException e) {
            return error(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private SimResponse read(List<String> path) {
        if (path.size() == 1) {
            ArrayNode all = Json.MAPPER.createArrayNode();
            store.snapshots().forEach(all::add);
            return SimResponse.json(200, all);
        }
        String number = path.get(1);
        return store.snapshot(number).map(t -> SimResponse.json(200, t))
                .orElseThrow(() -> new NoSuchElementException("unknown ticket " + number));
    }

    private SimResponse act(List<String> rest, RecordedRequest request) {
        JsonNode body = request.json().isObject() ? request.json() : Json.object();
        if (rest.isEmpty()) {
            String number = agent.create((ObjectNode) body);
            return SimResponse.json(200, Json.object().put("ticketNumber", number));
        }
        String number = rest.get(0);
        String action = rest.size() > 1 ? rest.get(1) : "";
        if (rest.size() == 3 && "attachments".equals(action)) {
            String contentType = request.header("content-type").orElse("application/octet-stream");
            agent.attach(number, rest.get(2), contentType, request.rawBody());
            return done(number, "Attachment");
        }
        if (rest.size() != 2) {
            throw new NoSuchElementException("unknown simulator path " + request.path());
        }
        switch (action) {
            case "update" -> agent.update(number, (ObjectNode) body);
            case "notes" -> agent.note(number, required(body, "body"), body.path("commenter").asText("Ensono Engineer"));
            case "resolve" -> agent.resolve(number, required(body, "closeNotes"));
            case "close" -> agent.close(number, required(body, "closeNotes"), body.path("closeCode").asText("Closed"));
            case "reopen" -> agent.reopen(number);
            case "request-approval" -> {
                String id = agent.requestApproval(number, body.path("approverName").asText("Change Approver"),
                        body.path("approverEmail").asText("approver@client.example"));
                return SimResponse.json(200, Json.object().put("ticketNumber", number)
                        .put("transaction", "Approval Request").put("approvalId", id));
            }
            case "redraft" -> agent.redraft(number);
            default -> throw new NoSuchElementException("unknown agent action " + action);
        }
        return done(number, action);
    }

    private static String required(JsonNode body, String field) {
        String value = Json.text(body, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    private static SimResponse done(String number, String action) {
        return SimResponse.json(200, Json.object().put("ticketNumber", number).put("action", action));
    }

    private static SimResponse error(int status, String message) {
        return SimResponse.json(status, Json.object().put("error", message));
    }

    private static List<String> segments(String rawPath) {
        String rest = rawPath.substring(PREFIX.length());
        return Arrays.stream(rest.split("/"))
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }
}
