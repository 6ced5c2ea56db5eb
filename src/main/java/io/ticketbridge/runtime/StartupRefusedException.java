package io.ticketbridge.runtime;

/** A configuration problem that must stop start-up; its message is the one line an operator needs. */
public final class StartupRefusedException extends RuntimeException {
    public StartupRefusedException(String message) {
        super(message, null, false, false);
    }
}
