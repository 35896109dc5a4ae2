package io.promptsuite.stats.price;

import java.math.BigDecimal;

import io.promptsuite.stats.ExecutionEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** The cost of one execution from the price book in force when it started (tenant entries over the default book). */
@ApplicationScoped
public class CostCalculator {

    /** USD; zero when no entry matches the event's model. Ignores a cost the event carries. */
    public BigDecimal cost(ExecutionEvent event) {
        throw new UnsupportedOperationException("not built yet");
    }
}
