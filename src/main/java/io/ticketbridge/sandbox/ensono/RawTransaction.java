package io.ticketbridge.sandbox.ensono;

/**
 * One queue message as the bridge would publish it, for benchmarks that bypass the simulator's ticket
 * state.
 *
 * @param groupId            MessageGroupId, i.e. the Ensono ticket number
 * @param transactionType    Create, Update, Notes, Closure, Attachment or ReturnEnsonoNum
 * @param clientRefAvailable whether the client's ticket number is known to Ensono
 * @param bodyJson           the ticket JSON the queue API will return as {@code Body}
 */
public record RawTransaction(String groupId, String transactionType, boolean clientRefAvailable, String bodyJson) {
}
