package io.promptsuite.stats.otlp;

import io.promptsuite.stats.ExecutionEvent;

/** What one span becomes: an event, nothing (not a GenAI span), or a refusal the client hears about. */
public sealed interface SpanOutcome {

    record Mapped(ExecutionEvent event) implements SpanOutcome {
    }

    record Ignored() implements SpanOutcome {
    }

    record Rejected(String reason) implements SpanOutcome {
    }

    SpanOutcome IGNORED = new Ignored();
}
