package io.promptsuite.common.page;

import java.util.List;
import java.util.function.Function;

/** One page of a list in a stable order, with the total so clients know how far to go. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
