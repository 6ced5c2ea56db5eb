package io.ticketbridge.sandbox.servicenow;

import io.ticketbridge.sandbox.support.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Offset pages with ServiceNow's quirk: {@code sysparm_limit} is applied before ACLs, so a page can be short or
 * even empty while more records follow (connectors.md 6.1). The simulator models this with rows the integration
 * user may not read: a cyclic pattern says how many hidden rows open each page (e.g. {@code 0,0,3} makes every
 * third page 3 rows short; a number &ge; the limit makes it empty). Hidden rows take offsets and count in
 * {@code X-Total-Count} but are never returned, so a client that follows {@code rel="next"} sees every visible
 * record exactly once, and one that stops on a short page misses some.
 */
final class Pager {

    record Page(List<Map<String, String>> rows, int total) {
    }

    private final int[] pattern;

    Pager(int[] hiddenRowsPerPage) {
        this.pattern = hiddenRowsPerPage.clone();
    }

    Page page(List<Map<String, String>> visible, int limit, int offset) {
        boolean hiding = hides(limit);
        if (!hiding) {
            int from = Math.min(offset, visible.size());
            return new Page(visible.subList(from, Math.min(visible.size(), from + limit)), visible.size());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (long v = offset; v < (long) offset + limit; v++) {
            long page = v / limit;
            int position = (int) (v % limit);
            int hidden = hidden(page, limit);
            if (position >= hidden) {
                long index = visibleBefore(page, limit) + position - hidden;
                if (index < visible.size()) {
                    rows.add(visible.get((int) index));
                }
            }
        }
        return new Page(rows, total(visible.size(), limit));
    }

    /** Hidden rows only when some page of this size still shows something, so a walk always ends. */
    private boolean hides(int limit) {
        boolean any = false;
        boolean showsSome = false;
        for (int h : pattern) {
            any |= h > 0;
            showsSome |= h < limit;
        }
        return any && showsSome;
    }

    private int hidden(long page, int limit) {
        return Math.min(limit, pattern[(int) (page % pattern.length)]);
    }

    private long visibleBefore(long page, int limit) {
        long perCycle = 0;
        for (int i = 0; i < pattern.length; i++) {
            perCycle += limit - hidden(i, limit);
        }
        long before = (page / pattern.length) * perCycle;
        for (int i = 0; i < page % pattern.length; i++) {
            before += limit - hidden(i, limit);
        }
        return before;
    }

    /** Offset just past the last visible row. */
    private int total(int visibleCount, int limit) {
        if (visibleCount == 0) {
            return 0;
        }
        long page = 0;
        long before = 0;
        while (before + limit - hidden(page, limit) < visibleCount) {
            before += limit - hidden(page, limit);
            page++;
        }
        return (int) (page * limit + hidden(page, limit) + (visibleCount - 1 - before) + 1);
    }

    /**
     * The {@code Link} header as instances write it: first, prev, next, last, comma-separated with no spaces, the
     * request's other parameters kept as sent and {@code sysparm_limit}/{@code sysparm_offset} appended. Like the
     * observed headers, prev is present on the first page too, with a negative offset; next only when rows follow.
     */
    static String link(String baseUrl, String rawPath, String rawQuery, int limit, int offset, int total,
                       boolean withLast) {
        StringBuilder kept = new StringBuilder();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = QueryParams.decode(eq < 0 ? pair : pair.substring(0, eq));
                if (!pair.isEmpty() && !name.equals("sysparm_limit") && !name.equals("sysparm_offset")) {
                    kept.append(pair).append('&');
                }
            }
        }
        String prefix = baseUrl + rawPath + "?" + kept + "sysparm_limit=" + limit + "&sysparm_offset=";
        List<String> links = new ArrayList<>();
        links.add("<" + prefix + 0 + ">;rel=\"first\"");
        links.add("<" + prefix + (offset - limit) + ">;rel=\"prev\"");
        if ((long) offset + limit < total) {
            links.add("<" + prefix + (offset + limit) + ">;rel=\"next\"");
        }
        if (withLast) {
            links.add("<" + prefix + (total == 0 ? 0 : ((total - 1) / limit) * limit) + ">;rel=\"last\"");
        }
        return String.join(",", links);
    }
}
