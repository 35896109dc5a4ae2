package io.promptsuite.prompt.events;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.prompt.EventsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Caps the SSE streams one tenant holds open on this instance ({@code prompt.events.max-streams-per-tenant}): each
 * stream holds a lease from its first byte to its end, whatever ends it. Beyond the cap the next stream is a 429.
 */
@ApplicationScoped
public class StreamLimiter {

    private final Map<UUID, Integer> open = new ConcurrentHashMap<>();

    @Inject
    EventsConfig config;

    /** Given back exactly once, however often it is closed. */
    public final class Lease implements AutoCloseable {
        private final UUID tenantId;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(UUID tenantId) {
            this.tenantId = tenantId;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(tenantId, (id, count) -> count <= 1 ? null : count - 1);
            }
        }
    }

    public Lease acquire(UUID tenantId) {
        int max = config.maxStreamsPerTenant();
        boolean[] granted = new boolean[1];
        open.compute(tenantId, (id, count) -> {
            int now = count == null ? 0 : count;
            granted[0] = now < max;
            return granted[0] ? now + 1 : (count == null ? null : count);
        });
        if (!granted[0]) {
            throw new ApiException(429, "TOO_MANY_STREAMS",
                    "Your tenant already has " + max + " open event streams here; close one or retry later")
                    .withHeader("Retry-After", "10");
        }
        return new Lease(tenantId);
    }

    /** Streams the tenant holds open now (for tests and metrics). */
    public int open(UUID tenantId) {
        return open.getOrDefault(tenantId, 0);
    }
}
