package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A transport for feeding hand-made batches straight into a {@link BatchProcessor}: it receives nothing,
 * and every delete succeeds and is recorded (by message id).
 */
public final class RecordingTransport implements QueueTransport {

    public final List<String> deleted = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<QueueMessage> receive(int max, int waitSeconds) {
        return List.of();
    }

    @Override
    public List<QueueMessage> delete(List<QueueMessage> messages) {
        messages.forEach(m -> deleted.add(m.messageId()));
        return List.of();
    }

    @Override
    public String kind() {
        return "test";
    }
}
