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

    /** The JOSE {@code typ} an access token must have (RFC 9068); set to {@code any} for issuers that don't set it. */
    @WithDefault("at+jwt")
    String requiredTyp();

    /** Claim holding the roles; a dotted path reaches into objects (Keycloak: {@code realm_access.roles}). */
    @WithDefault("groups")
    String rolesClaim();

    /** Claim holding the tenant id. */
    @WithDefault("tid")
    String tenantClaim();

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
