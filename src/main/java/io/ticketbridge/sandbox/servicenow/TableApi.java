package io.ticketbridge.sandbox.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.support.SimResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code /api/now/table/{table}[/{sys_id}]}: list (encoded query or name-value filters, order, pages with
 * {@code Link} and {@code X-Total-Count}), get, create (201 + {@code Location}), PUT/PATCH (both merge) and
 * DELETE (204). Lookup and system tables are read-only for the integration user (403 ACL on writes).
 */
final class TableApi {

    /** The Table API's default page size (external-apis.md 2.2). */
    static final int DEFAULT_LIMIT = 10_000;

    private final Database db;
    private final Fields fields;
    private final RecordRenderer renderer;
    private final RecordWriter writer;
    private final Journals journals;
    private final Pager pager;
    private final Supplier<String> baseUrl;
    private final boolean invalidQueryReturnsNoRows;

    TableApi(Parts parts) {
        this.db = parts.db();
        this.fields = parts.fields();
        this.renderer = parts.renderer();
        this.writer = parts.writer();
        this.journals = parts.journals();
        this.pager = parts.pager();
        this.baseUrl = parts.baseUrl();
        this.invalidQueryReturnsNoRows = parts.invalidQueryReturnsNoRows();
    }

    record Parts(Database db, Fields fields, RecordRenderer renderer, RecordWriter writer, Journals journals,
                 Pager pager, Supplier<String> baseUrl, boolean invalidQueryReturnsNoRows) {
    }

    SimResponse list(Call call, TableDef table) {
        return list(call, table, (def, row) -> renderer.render(def, row, Rendering.from(call.params())));
    }

    /** A page of {@code table}'s rows matching the call's query, written by {@code render}; shared with attachments. */
    SimResponse list(Call call, TableDef table, BiFunction<TableDef, Map<String, String>, ObjectNode> render) {
        int limit = call.intParam("sysparm_limit", DEFAULT_LIMIT, 1);
        int offset = call.intParam("sysparm_offset", 0, 0);
        String encoded = call.params().first("sysparm_query");
        return db.read(() -> {
            EncodedQuery query = encoded != null ? EncodedQuery.parse(encoded, table, fields)
                    : EncodedQuery.nameValue(call.params().asMap(), table, fields);
            List<Map<String, String>> matching = new ArrayList<>();
            if (!(query.invalid() && invalidQueryReturnsNoRows)) {
                for (Map<String, String> row : db.rows(table.name())) {
                    if (query.matches(table, row, fields)) {
                        matching.add(row);
                    }
                }
                matching.sort(query.order(table, fields));
            }
            Pager.Page page = pager.page(matching, limit, offset);
            ArrayNode result = Json.MAPPER.createArrayNode();
            page.rows().forEach(row -> result.add(render.apply(table, row)));
            Map<String, String> headers = new LinkedHashMap<>();
            boolean count = !"true".equalsIgnoreCase(call.params().first("sysparm_no_count"));
            if (!"true".equalsIgnoreCase(call.params().first("sysparm_suppress_pagination_header"))) {
                headers.put("Link", Pager.link(baseUrl.get(), call.request().path(), call.request().query(), limit,
                        offset, page.total(), count));
            }
            if (count) {
                headers.put("X-Total-Count", Integer.toString(page.total()));
            }
            return result(200, result).withHeaders(headers);
        });
    }

    SimResponse get(Call call, TableDef table, String sysId) {
        Rendering how = Rendering.from(call.params());
        return db.read(() -> {
            Map<String, String> row = db.row(table.name(), sysId);
            if (row == null) {
                throw SnError.noRecord();
            }
            return result(200, renderer.render(table, row, how));
        });
    }

    SimResponse create(Call call, TableDef table) {
        if (!table.writable()) {
            throw SnError.acl("Insert");
        }
        JsonNode body = call.jsonObject();
        Rendering how = Rendering.from(call.params());
        return db.write(() -> {
            Map<String, String> row = writer.insert(table, body, call.actor(), true);
            return result(201, renderer.render(table, row, how)).withHeader("Location",
                    baseUrl.get() + "/api/now/table/" + table.name() + "/" + row.get("sys_id"));
        });
    }

    SimResponse update(Call call, TableDef table, String sysId) {
        if (!table.writable()) {
            throw SnError.acl("Update");
        }
        JsonNode body = call.jsonObject();
        Rendering how = Rendering.from(call.params());
        return db.write(() -> result(200, renderer.render(table, writer.update(table, sysId, body, call.actor(),
                true), how)));
    }

    SimResponse delete(TableDef table, String sysId) {
        if (!table.writable()) {
            throw SnError.acl("Delete");
        }
        return db.write(() -> {
            if (db.remove(table.name(), sysId) == null) {
                throw SnError.noRecord();
            }
            journals.removeOf(sysId);
            for (Map<String, String> attachment : db.rows(Tables.ATTACHMENT)) {
                if (sysId.equals(attachment.get("table_sys_id"))) {
                    db.remove(Tables.ATTACHMENT, attachment.get("sys_id"));
                    db.removeBytes(attachment.get("sys_id"));
                }
            }
            return SimResponse.empty(204);
        });
    }

    static SimResponse result(int status, JsonNode result) {
        ObjectNode body = Json.object();
        body.set("result", result);
        return SimResponse.json(status, Json.write(body));
    }
}
