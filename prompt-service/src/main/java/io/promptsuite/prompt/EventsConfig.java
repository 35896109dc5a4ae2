package io.promptsuite.prompt;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The SSE change feed's limits; each overridable from the environment (PROMPT_EVENTS_…). */
@ConfigMapping(prefix = "prompt.events")
public interface EventsConfig {

    /** Open streams one tenant may hold on one instance; the next one answers 429. */
    @WithDefault("20")
    int maxStreamsPerTenant();

    /** How many recent events of a tenant are kept for {@code Last-Event-ID} resumes (at least this many). */
    @WithDefault("1000")
    int replayCount();

    /** How long recent events are kept for resumes (at least this long, unless more than replay-count came since). */
    @WithDefault("PT1H")
    Duration replayWindow();

    /** A comment this often keeps proxies from closing a quiet stream. */
    @WithDefault("PT15S")
    Duration keepAlive();

    /** How often a stream opened with an API key asks again whether the key is still good (and what it may read). */
    @WithDefault("PT30S")
    Duration apiKeyRecheck();
}
