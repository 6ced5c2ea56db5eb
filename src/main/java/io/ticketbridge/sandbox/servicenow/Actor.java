package io.ticketbridge.sandbox.servicenow;

/** Who a call acts as: the authenticated API user, or the agent for direct (agent-side) changes. */
record Actor(String userName, String sysId) {

    static Actor of(String userName) {
        return new Actor(userName, Seeds.userSysId(userName));
    }
}
