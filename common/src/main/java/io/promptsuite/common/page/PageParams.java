package io.promptsuite.common.page;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * {@code ?page=&size=} on every list endpoint; pages count from 0 and hold at most {@value #MAX_SIZE} items. Page
 * numbers stop at {@value #MAX_PAGE}, so {@code page * size} (the row offset every repository computes as an
 * {@code int}, Panache's {@code query.page(…)} included) can never overflow. {@link PageQueryCheck} answers 400 for a
 * value that is not a whole number or does not fit, before it reaches these fields.
 */
public class PageParams {

    public static final int MAX_SIZE = 100;
    /** The last page whose offset still fits an int at the largest page size. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE - 1;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Max(value = MAX_PAGE, message = "must be at most " + MAX_PAGE)
    public int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = MAX_SIZE, message = "must be at most " + MAX_SIZE)
    public int size;

    /** The row offset of this page; a long, so even unchecked values can't wrap around. */
    public long offset() {
        return (long) page * size;
    }
}
