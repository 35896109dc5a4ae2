package io.promptsuite.auth.paging;

import java.util.List;

import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * One page of a Panache query. The offset is computed in 64 bits: {@code page * size} overflows an int for large
 * pages (Panache's own {@code page()} multiplies in int and hands Hibernate a negative offset, a 500). A page that
 * starts beyond any possible row is simply empty.
 */
public final class Paging {

    private Paging() {
    }

    public static <T> Page<T> page(PanacheQuery<T> query, PageParams params) {
        int page = Math.max(0, params.page);
        int size = Math.max(1, params.size);
        long offset = (long) page * size;
        long total = query.count();
        if (offset >= total || offset + size - 1 > Integer.MAX_VALUE) {
            return new Page<>(List.of(), page, size, total);
        }
        List<T> items = query.range((int) offset, (int) (offset + size - 1)).list();
        return new Page<>(items, page, size, total);
    }
}
