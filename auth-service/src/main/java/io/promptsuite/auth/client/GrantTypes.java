package io.promptsuite.auth.client;

/** The grant types this server knows, by their RFC names. */
public final class GrantTypes {

    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
    public static final String PASSWORD = "password";

    private GrantTypes() {
    }
}
