package io.ticketbridge.api.desk;

import java.util.List;

import io.ticketbridge.api.ApiException;
import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.connector.DeskException;
import io.ticketbridge.connector.DeskRejectedException;

/** A vendor outcome on a synchronous call, as an API answer in the one error shape. */
public final class DeskErrors {

    private DeskErrors() {
    }

    public static ApiException toApi(DeskException e) {
        if (e instanceof DeskAuthenticationException) {
            return new ApiException(502, "vendor_authentication_failed", e.getMessage(), List.of());
        }
        if (e instanceof DeskRejectedException) {
            return new ApiException(422, "rejected_by_vendor", e.getMessage(), List.of());
        }
        return new ApiException(503, "vendor_unavailable", e.getMessage(), List.of());
    }
}
