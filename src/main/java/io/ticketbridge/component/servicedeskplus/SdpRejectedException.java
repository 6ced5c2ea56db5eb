package io.ticketbridge.component.servicedeskplus;

import io.ticketbridge.connector.DeskRejectedException;

/** ServiceDesk Plus refused a request; carries its response_status message and the offending field. */
public final class SdpRejectedException extends DeskRejectedException {

    private final int sdpCode;
    private final String field;

    public SdpRejectedException(String message, int httpStatus, int sdpCode, String field, String vendorBody) {
        super(message, httpStatus, vendorBody);
        this.sdpCode = sdpCode;
        this.field = field;
    }

    /** The per-message code, e.g. 4001 (invalid value), 4003 (closure rule), 4007 (not found). */
    public int sdpCode() {
        return sdpCode;
    }

    /** The field the vendor complained about, or null. */
    public String field() {
        return field;
    }
}
