package io.ticketbridge.sandbox.servicenow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * All rows of all tables plus attachment bytes, behind one read-write lock: a write that touches a record and its
 * journal is atomic, and the up-to-8 concurrent connections of a bulk push read in parallel. Rows are stored as
 * ordered string maps (ServiceNow's values are all strings) and only copies leave through the simulator's API.
 */
final class Database {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, Map<String, String>>> tables = new HashMap<>();
    private final Map<String, byte[]> attachmentBytes = new HashMap<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Random random;

    Database(long seed) {
        random = new Random(seed);
        for (TableDef def : Tables.all()) {
            tables.put(def.name(), new LinkedHashMap<>());
        }
    }

    <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The live row (callers hold the lock), or null. */
    Map<String, String> row(String table, String sysId) {
        return sysId == null ? null : tables.get(table).get(sysId);
    }

    /** Live rows in insertion order (callers hold the lock). */
    List<Map<String, String>> rows(String table) {
        return new ArrayList<>(tables.get(table).values());
    }

    void put(String table, Map<String, String> row) {
        tables.get(table).put(row.get("sys_id"), row);
    }

    Map<String, String> remove(String table, String sysId) {
        return tables.get(table).remove(sysId);
    }

    byte[] bytes(String attachmentSysId) {
        return attachmentBytes.get(attachmentSysId);
    }

    void putBytes(String attachmentSysId, byte[] content) {
        attachmentBytes.put(attachmentSysId, content);
    }

    void removeBytes(String attachmentSysId) {
        attachmentBytes.remove(attachmentSysId);
    }

    /** 32 lower-case hex digits like a ServiceNow sys_id; seeded so runs with the same seed are repeatable. */
    synchronized String newSysId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** INC0010001, INC0010002, ... per table (callers hold the write lock). */
    String nextNumber(TableDef def) {
        int next = numbers.merge(def.name(), def.firstNumber(), (old, ignored) -> old + 1);
        return def.numberPrefix() + String.format("%07d", next);
    }

    /** A fixed sys_id derived from a name, so seeded users, groups and choices keep their ids across runs. */
    static String stableSysId(String kind, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((kind + ":" + name)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
