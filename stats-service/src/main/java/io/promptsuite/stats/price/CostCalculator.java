package io.promptsuite.stats.price;

import java.math.BigDecimal;

import io.promptsuite.stats.ExecutionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The cost of one execution from the price book in force when it started (tenant entries over the default book). */
@ApplicationScoped
public class CostCalculator {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(Rates.SCALE);

    @Inject
    PriceBook book;

    /** USD; zero when no entry matches the event's model. Ignores a cost the event carries. */
    public BigDecimal cost(ExecutionEvent event) {
        return book.find(event.tenantId(), event.model(), event.provider(), event.startedAt())
                .map(p -> p.cost(event.inputTokens(), event.cachedInputTokens(), event.cacheWriteTokens(),
                        event.outputTokens(), event.reasoningTokens()))
                .orElse(ZERO);
    }
}
