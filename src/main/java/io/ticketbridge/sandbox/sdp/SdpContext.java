package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the resources share: state, lookups, field rules, and the two identities changes are made as: the API
 * user behind the key/token, and the technician for direct (agent-side) changes.
 */
record SdpContext(SdpStore store, LookupCatalog catalog, RequestFields fields, ClosureRule closureRule,
                  ObjectNode apiUser, ObjectNode technician) {
}
