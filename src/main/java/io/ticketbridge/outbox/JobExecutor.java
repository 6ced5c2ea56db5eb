package io.ticketbridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Job;

/** Performs one job against its integration; throws the connector's typed exceptions on failure. */
public interface JobExecutor {

    /** The outcome of a successful job: what the vendor answered, for the job's result. */
    record Result(JsonNode body, Integer status) {
    }

    Result execute(Job job, Integration integration) throws Exception;

    /** Thrown when the job cannot run now for reasons unrelated to the vendor (e.g. shutting down). */
    final class NotNow extends RuntimeException {
        public NotNow(String message) {
            super(message, null, false, false);
        }
    }
}
