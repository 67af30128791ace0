package com.krenalis.api.platform;

/** A newly created key with its token: the only time the token is available. */
public record CreatedApiKey(ApiKey key, String token) {

    /** Never shows the token. */
    @Override
    public String toString() {
        return "CreatedApiKey[" + key + "]";
    }
}
