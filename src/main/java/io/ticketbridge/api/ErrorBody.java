package io.ticketbridge.api;

import java.util.List;

/** The one error shape of every 4xx/5xx answer. */
public record ErrorBody(String error, String message, List<String> validationErrors, List<String> warnings) {
}
