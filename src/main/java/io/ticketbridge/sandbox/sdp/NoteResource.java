package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /requests/{id}/notes}. On-prem clients send the root key {@code note}, Cloud clients
 * {@code request_note}; writes answer under the key the client used, reads under {@code note}
 * (list: {@code notes}).
 */
final class NoteResource {

    static final String[] ROOTS = {"note", "request_note"};
    private static final List<String> FLAGS =
            List.of("show_to_requester", "notify_technician", "mark_first_response", "add_to_linked_requests");
    private static final ListQuery.Spec LIST_SPEC =
            new ListQuery.Spec(Set.of("created_time", "last_updated_time", "id"), "created_time", "asc");

    private final SdpContext ctx;

    NoteResource(SdpContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("GET", "requests/{id}/notes", this::list)
                .add("POST", "requests/{id}/notes", call -> {
                    ApiCall.Rooted rooted = call.root(ROOTS);
                    return ApiResponse.created(Json.success(rooted.key(),
                            add(call.param("id"), rooted.node(), ctx.apiUser())));
                })
                .add("GET", "requests/{id}/notes/{note_id}", call -> ApiResponse.ok(Json.success("note",
                        ctx.store().withTicket(call.param("id"), r -> note(r, call.param("note_id")).deepCopy()))))
                .add("PUT", "requests/{id}/notes/{note_id}", this::update)
                .add("DELETE", "requests/{id}/notes/{note_id}", call -> {
                    ctx.store().withTicket(call.param("id"), record -> {
                        note(record, call.param("note_id"));
                        record.notes.remove(call.param("note_id"));
                        record.request.put("has_notes", !record.notes.isEmpty());
                        ctx.store().touchForChild(record);
                        return null;
                    });
                    return ApiResponse.ok(Json.success(null, null));
                });
    }

    ObjectNode add(String requestId, ObjectNode input, ObjectNode actor) {
        validate(input, true);
        return ctx.store().withTicket(requestId, record -> {
            ObjectNode note = store(record, input, actor);
            if (note.path("add_to_linked_requests").asBoolean()) {
                for (String linkedId : new ArrayList<>(record.links.keySet())) {
                    store(ctx.store().require(linkedId), input, actor);
                }
            }
            return note.deepCopy();
        });
    }

    private ObjectNode store(TicketRecord record, ObjectNode input, ObjectNode actor) {
        long now = ctx.store().stamp();
        ObjectNode note = Json.object();
        note.put("id", ctx.store().newId());
        note.set("description", input.get("description"));
        FLAGS.forEach(flag -> note.put(flag, false));
        note.setAll(input.deepCopy());
        note.set("created_by", actor.deepCopy());
        note.set("created_time", Json.datetime(now));
        note.set("last_updated_time", Json.datetime(now));
        record.notes.put(note.get("id").asText(), note);
        record.request.put("has_notes", true);
        ctx.store().touchForChild(record);
        return note;
    }

    private ApiResponse update(ApiCall call) {
        ApiCall.Rooted rooted = call.root(ROOTS);
        ObjectNode input = rooted.node();
        validate(input, false);
        ObjectNode updated = ctx.store().withTicket(call.param("id"), record -> {
            ObjectNode note = note(record, call.param("note_id"));
            note.setAll(input.deepCopy());
            note.set("last_updated_time", Json.datetime(ctx.store().stamp()));
            ctx.store().touchForChild(record);
            return note.deepCopy();
        });
        return ApiResponse.ok(Json.success(rooted.key(), updated));
    }

    private ApiResponse list(ApiCall call) {
        ListQuery query = ListQuery.from(call.inputData(), LIST_SPEC);
        List<ObjectNode> notes = notes(call.param("id"));
        ListQuery.Page page = query.apply(notes);
        return ApiResponse.ok(Json.successList("notes", page.items(), page.listInfo()));
    }

    List<ObjectNode> notes(String requestId) {
        return ctx.store().withTicket(requestId, record -> copies(record.notes.values()));
    }

    private static ObjectNode note(TicketRecord record, String noteId) {
        ObjectNode note = record.notes.get(noteId);
        if (note == null) {
            throw SdpApiException.notFound("Note " + noteId + " does not exist");
        }
        return note;
    }

    /** v3 validates types strictly: flags must be JSON booleans. */
    private static void validate(ObjectNode input, boolean create) {
        if ((create || input.has("description")) && Json.isBlank(input.get("description"))) {
            throw SdpApiException.mandatoryMissing("description");
        }
        for (String readOnly : List.of("id", "created_time", "created_by", "last_updated_time")) {
            if (input.has(readOnly)) {
                throw SdpApiException.readOnly(readOnly);
            }
        }
        for (String flag : FLAGS) {
            JsonNode value = input.get(flag);
            if (value != null && !value.isNull() && !value.isBoolean()) {
                throw SdpApiException.invalidValue(flag);
            }
        }
    }

    static List<ObjectNode> copies(Iterable<ObjectNode> nodes) {
        List<ObjectNode> copies = new ArrayList<>();
        nodes.forEach(node -> copies.add(node.deepCopy()));
        return copies;
    }

    static ArrayNode array(List<ObjectNode> nodes) {
        ArrayNode array = Json.array();
        nodes.forEach(array::add);
        return array;
    }
}
