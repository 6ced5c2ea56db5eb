package io.ticketbridge.connector;

import io.ticketbridge.connector.DeskException;

/** The vendor refused the request (other 4xx, or an error body on a 2xx); carries its error body. */
public class DeskRejectedException extends DeskException {

    private final String vendorBody;

    public DeskRejectedException(String message, int statusCode, String vendorBody) {
        super(message, statusCode, null);
        this.vendorBody = vendorBody;
    }

    public String vendorBody() {
        return vendorBody;
    }
}
