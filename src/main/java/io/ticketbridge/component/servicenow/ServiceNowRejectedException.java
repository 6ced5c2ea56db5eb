package io.ticketbridge.component.servicenow;

import io.ticketbridge.connector.DeskRejectedException;

/**
 * ServiceNow refused the request, or TicketBridge refused to send it; retrying the same request
 * will not help. Carries ServiceNow's {@code {"error":{"message","detail"},"status":"failure"}}.
 */
public final class ServiceNowRejectedException extends DeskRejectedException {

    /** Why, so a flow can tell "fix the data" from "the record is gone". */
    public enum Reason {
        /** 404: no such record, or an ACL hides it (ServiceNow does not say which). */
        NOT_FOUND,
        /** 403 from a data policy, e.g. "The following fields are mandatory: Resolution code". */
        DATA_POLICY,
        /** 403 from a business rule abort, e.g. a change state transition the model does not allow. */
        BUSINESS_RULE,
        /** Other 4xx: malformed request, unsupported media type, and the like. */
        INVALID_REQUEST,
        /** Checked here before sending: a close code the instance does not offer, or none configured. */
        CLOSE_CODE,
        /** A pagination link pointing away from the configured instance. */
        FOREIGN_LINK
    }

    private final String errorMessage;
    private final String errorDetail;
    private final Reason reason;

    public ServiceNowRejectedException(String message, int httpStatus, Reason reason, String errorMessage,
                                       String errorDetail, String vendorBody) {
        super(message, httpStatus, vendorBody);
        this.reason = reason;
        this.errorMessage = errorMessage;
        this.errorDetail = errorDetail;
    }

    /** ServiceNow's error.message, or null. */
    public String errorMessage() {
        return errorMessage;
    }

    /** ServiceNow's error.detail, or null. */
    public String errorDetail() {
        return errorDetail;
    }

    public Reason reason() {
        return reason;
    }
}
