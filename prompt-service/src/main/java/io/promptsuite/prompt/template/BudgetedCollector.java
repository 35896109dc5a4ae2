package io.promptsuite.prompt.template;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.BasicCollector;

/**
 * JMustache's collector with the render budget plugged in: every section evaluation and every item a section iterates
 * costs one unit. Sections that iterate while writing nothing are the expensive case the output limit never sees.
 * Built on the reflection-free collector: variables are JSON (maps, lists, strings, numbers, booleans), so a template
 * can never call methods of the Java objects behind them ({@code {{name.class.name}}}).
 */
final class BudgetedCollector extends BasicCollector {

    static final BudgetedCollector INSTANCE = new BudgetedCollector();

    private BudgetedCollector() {
    }

    @Override
    public <K, V> Map<K, V> createFetcherCache() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Iterator<?> toIterator(Object value) {
        RenderBudget budget = RenderBudget.current();
        Iterator<?> items = super.toIterator(value);
        if (budget == null) {
            return items;
        }
        budget.spend();
        return items == null ? null : new Counting<>(items, budget);
    }

    private record Counting<T>(Iterator<T> items, RenderBudget budget) implements Iterator<T> {
        @Override
        public boolean hasNext() {
            return items.hasNext();
        }

        @Override
        public T next() {
            budget.spend();
            return items.next();
        }
    }
}
