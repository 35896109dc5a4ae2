package io.promptsuite.prompt.execution;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reported executions: what a report may carry and how the outbox relay delivers them (PROMPT_EXECUTIONS_…). */
@ConfigMapping(prefix = "prompt.executions")
public interface ExecutionsConfig {

    /** stats-service's base URL; the relay posts to {@code /api/v1/executions/batch} there. */
    @WithDefault("http://127.0.0.1:8083")
    String statsUrl();

    /** Events per batch (stats-service takes up to 1,000). */
    @WithDefault("500")
    int batchSize();

    /** Bytes of events per batch, below stats-service's body limit (1 MiB), whatever the metadata sizes. */
    @WithDefault("524288")
    int batchBytes();

    /** How often the relay looks for waiting rows (a Quarkus scheduler interval, e.g. 1s). */
    @WithDefault("1s")
    String relayInterval();

    /** The wait after the first failed delivery; it doubles with each further failure, with jitter. */
    @WithDefault("PT1S")
    Duration initialBackoff();

    @WithDefault("PT60S")
    Duration maxBackoff();

    /** How long one call to stats-service (or to auth-service for the token) may take. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** How far in the future a reported started_at may lie (the callers' clock skew), as stats-service allows. */
    @WithDefault("PT10M")
    Duration maxFutureSkew();

    /** How old a reported execution may be: stats-service refuses what is older than its retention. */
    @WithDefault("P90D")
    Duration maxAge();

    /** Largest metadata object, serialised, in bytes (stats-service's limit). */
    @WithDefault("4096")
    int maxMetadataBytes();
}
