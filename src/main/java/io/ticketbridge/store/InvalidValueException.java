package io.ticketbridge.store;

import java.util.List;

/** A value the store will not keep (too large, or unsafe to keep): the API answers it as a 400 naming it. */
public final class InvalidValueException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidValueException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidValueException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
