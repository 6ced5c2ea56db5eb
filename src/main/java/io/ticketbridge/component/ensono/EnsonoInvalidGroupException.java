package io.ticketbridge.component.ensono;

import io.ticketbridge.connector.DeskRejectedException;

/** Ensono's ServiceNow did not know the assignment group ("assigment_group sys_id or name not found."). */
public final class EnsonoInvalidGroupException extends DeskRejectedException {
    public EnsonoInvalidGroupException(String message, int statusCode, String vendorBody) {
        super(message, statusCode, vendorBody);
    }
}
