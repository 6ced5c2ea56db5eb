package io.ticketbridge.ensono;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.model.QueueMessage;

/**
 * The files of Ensono Attachment transactions, fetched from their pre-signed URLs before the batch's
 * transaction ({@link #prefetch}) and handed to the apply by URL ({@link #get}); a file not prefetched
 * (a replay, or past the batch's budget) is fetched when asked for. Batches of several receive loops use
 * it at once.
 */
final class EnsonoFiles {

    /** At most this much file content is held per batch; later files are fetched during the apply. */
    static final long PREFETCH_BUDGET_BYTES = 32L << 20;

    /** A file as fetched: its content, or why there is none (expired link, over the limit, no downloader). */
    record Fetched(Optional<byte[]> content, String why) {
    }

    /** What a fetch gave: the file, or the transient error the apply fails with (and is tried again). */
    private record Outcome(Fetched fetched, RuntimeException error) {
    }

    private final EnsonoInboundApplier.Downloader downloader;
    private final Map<String, Outcome> byUrl = new ConcurrentHashMap<>();

    EnsonoFiles(EnsonoInboundApplier.Downloader downloader) {
        this.downloader = downloader;
    }

    /** Fetches the files of these Attachment messages, one after another, up to the budget. */
    void prefetch(List<QueueMessage> attachments) {
        if (downloader == null) {
            return;
        }
        long budget = PREFETCH_BUDGET_BYTES;
        for (QueueMessage m : attachments) {
            String url = urlOf(m);
            if (url == null || byUrl.containsKey(url)) {
                continue;
            }
            if (budget <= 0) {
                return;
            }
            Outcome o = fetch(url);
            budget -= o.fetched() == null ? 0 : o.fetched().content().map(b -> (long) b.length).orElse(0L);
            byUrl.put(url, o);
        }
    }

    /** Drops what was prefetched for these messages. */
    void release(List<QueueMessage> messages) {
        if (byUrl.isEmpty()) {
            return;
        }
        for (QueueMessage m : messages) {
            String url = urlOf(m);
            if (url != null) {
                byUrl.remove(url);
            }
        }
    }

    /** The file at {@code url}: prefetched, or fetched now; throws the transient error of the fetch. */
    Fetched get(String url) {
        Outcome o = byUrl.get(url);
        if (o == null) {
            o = fetch(url);
        }
        if (o.error() != null) {
            throw o.error();
        }
        return o.fetched();
    }

    private Outcome fetch(String url) {
        if (downloader == null || !url.startsWith("http")) {
            return new Outcome(new Fetched(Optional.empty(), "no download configured"), null);
        }
        try {
            return new Outcome(new Fetched(downloader.download(url), "the download link had expired"), null);
        } catch (DeskRejectedException e) {
            return new Outcome(new Fetched(Optional.empty(), e.getMessage()), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
    }

    /** The file URL of a message's body, or null (no URL, unreadable body). */
    private static String urlOf(QueueMessage m) {
        try {
            String url = EnsonoInboundApplier.parseBody(m.body()).path("attachment").asText("");
            return url.startsWith("http") ? url : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
