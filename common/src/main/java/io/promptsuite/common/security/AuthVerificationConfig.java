package io.promptsuite.common.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service verifies the callers' tokens and API keys. */
@ConfigMapping(prefix = "suite.auth")
public interface AuthVerificationConfig {

    /** The issuer every access token must carry in {@code iss}, byte for byte. */
    @WithDefault("http://127.0.0.1:8081")
    String issuer();

    /** Audiences accepted in {@code aud}. */
    @WithDefault("prompt-suite")
    List<String> audience();

    /** Where the issuer publishes its public keys. */
    @WithDefault("http://127.0.0.1:8081/.well-known/jwks.json")
    String jwksUrl();

    /** How long fetched keys are trusted before a refetch; an unknown kid refetches sooner. */
    @WithDefault("PT5M")
    Duration jwksCacheTtl();

    @WithDefault("PT30S")
    Duration clockSkew();

    /**
     * The JOSE header {@code typ} values an access token may have (RFC 9068: {@code at+jwt}); {@code any} skips the
     * check, for issuers that put no distinguishing {@code typ} in the header.
     */
    @WithDefault("at+jwt")
    List<String> acceptedTyp();

    /**
     * When set, the {@code typ} claim in the payload must be one of these. Keycloak marks its access tokens
     * {@code Bearer} there and its ID tokens {@code ID}, while both carry {@code typ: JWT} in the header.
     */
    Optional<List<String>> acceptedPayloadTyp();

    /** Where each part of the caller is read in an access token. */
    Claims claims();

    /**
     * Claim names. A name is first looked up as it is; if the token has no such claim, a dotted name walks into
     * objects ({@code realm_access.roles}), so both {@code https://example.com/tenant} and nested claims can be mapped.
     */
    interface Claims {

        /** The user, or the service client for tokens that act for no user. */
        @WithDefault("sub")
        String userId();

        /** The tenant id (a UUID). A token without it acts for no tenant, and tenant endpoints answer 403. */
        @WithDefault("tid")
        String tenantId();

        /** The tenant's slug, required whenever the tenant id is present. */
        @WithDefault("tenant")
        String tenantSlug();

        /** The roles, a JSON list of strings; no claim at all means no roles. */
        @WithDefault("groups")
        String roles();

        /** The scopes: one space-separated string (RFC 9068) or a list of strings. */
        @WithDefault("scope")
        String scope();

        /** The OAuth client the token was issued to (RFC 9068 {@code client_id}; Keycloak: {@code azp}). */
        @WithDefault("client_id")
        String clientId();
    }

    /** This service's client id at the issuer, for introspection and service tokens. */
    Optional<String> clientId();

    Optional<String> clientSecret();

    /** How long a verified API key is trusted before asking again; revocations also arrive over Redis. */
    @WithDefault("PT5S")
    Duration apiKeyCacheTtl();

    /** How long an API key called not valid is refused without asking again. */
    @WithDefault("PT10S")
    Duration apiKeyNegativeCacheTtl();

    /**
     * Unknown API keys one source address may present before it is refused with 429 for a while: a burst of made-up
     * keys costs a lookup each, so it is bounded like failed sign-ins are.
     */
    @WithDefault("30")
    int unknownApiKeysPerSource();

    /** The period over which {@link #unknownApiKeysPerSource()} refills completely. */
    @WithDefault("PT1M")
    Duration unknownApiKeysPeriod();

    @WithDefault("PT2S")
    Duration introspectionTimeout();
}
