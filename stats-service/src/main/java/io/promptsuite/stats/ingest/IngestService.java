package io.promptsuite.stats.ingest;

import java.util.List;

import io.promptsuite.stats.ExecutionEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Accepts executions from every way in: validates them, prices them, and counts each event id once. */
@ApplicationScoped
public class IngestService {

    /** What one accepted batch did. */
    public record IngestResult(int accepted, int duplicates) {
    }

    /**
     * Validates every event (all or nothing: a 400 naming each bad event's index and field, nothing written), then
     * stores the new ones and skips the ids seen before. The events' tenants are already settled by the caller.
     */
    public IngestResult accept(List<ExecutionEvent> events) {
        throw new UnsupportedOperationException("not built yet");
    }
}
