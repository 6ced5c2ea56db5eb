package io.ticketbridge.api;

/** Who is calling: the admin key (every space) or one space's key. */
public record Principal(boolean admin, String spaceId, String keyId) {

    public static Principal ofAdmin() {
        return new Principal(true, null, "admin");
    }

    public static Principal space(String spaceId, String keyId) {
        return new Principal(false, spaceId, keyId);
    }

    /** Space filter for store queries: null (all spaces) for the admin. */
    public String scope() {
        return admin ? null : spaceId;
    }

    public String actor() {
        return admin ? "admin" : "key:" + keyId;
    }
}
