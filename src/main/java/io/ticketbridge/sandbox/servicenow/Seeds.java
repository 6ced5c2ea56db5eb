package io.ticketbridge.sandbox.servicenow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lookups every instance has: users (API users and a few well-known demo users), groups and choice lists. Their
 * sys_ids are derived from their names, so a sandbox configuration can name a group's sys_id that stays valid.
 */
final class Seeds {

    private Seeds() {
    }

    static void load(Database db, ServiceNowSettings settings, Choices choices, String now) {
        db.write(() -> {
            settings.allUsers().forEach((userName, name) -> {
                Map<String, String> row = row(Tables.USER, userSysId(userName), now);
                row.put("user_name", userName);
                row.put("name", name);
                int space = name.indexOf(' ');
                row.put("first_name", space < 0 ? name : name.substring(0, space));
                row.put("last_name", space < 0 ? "" : name.substring(space + 1));
                row.put("email", userName + "@example.com");
                db.put(Tables.USER, row);
            });
            for (String group : settings.groups) {
                Map<String, String> row = row(Tables.GROUP, groupSysId(group), now);
                row.put("name", group);
                row.put("description", group + " (sandbox)");
                db.put(Tables.GROUP, row);
            }
            for (Map<String, String> choice : choices.rows()) {
                Map<String, String> row = row(Tables.CHOICE, Database.stableSysId(Tables.CHOICE,
                        choice.get("name") + "." + choice.get("element") + "." + choice.get("value")), now);
                row.putAll(choice);
                db.put(Tables.CHOICE, row);
            }
            return null;
        });
    }

    static String userSysId(String userName) {
        return Database.stableSysId(Tables.USER, userName);
    }

    static String groupSysId(String name) {
        return Database.stableSysId(Tables.GROUP, name);
    }

    /** A row of {@code table} with its defaults and the system columns of a record made at {@code now}. */
    static Map<String, String> row(String table, String sysId, String now) {
        Map<String, String> row = new LinkedHashMap<>(Tables.get(table).defaults());
        row.put("sys_id", sysId);
        stamp(row, "system", now);
        return row;
    }

    static void stamp(Map<String, String> row, String userName, String now) {
        row.put("sys_created_on", now);
        row.put("sys_created_by", userName);
        if (row.containsKey("sys_updated_on")) {
            row.put("sys_updated_on", now);
            row.put("sys_updated_by", userName);
            row.put("sys_mod_count", "0");
        }
    }
}
