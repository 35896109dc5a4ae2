package io.promptsuite.stats.price;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The whole price book in memory: every ingested event is priced, so a lookup must not touch the database. Reloaded
 * at once by the instance that changed it, and by every other instance within one check interval, when the book's
 * version (moved in every changing transaction) differs from the one held.
 */
@ApplicationScoped
public class PriceBook {

    private static final Logger LOG = Logger.getLogger(PriceBook.class);
    /** Distinct (tenant, model, provider) lookups remembered per loaded book; beyond it lookups are computed each time. */
    private static final int MAX_REMEMBERED = 10_000;

    /** Most specific first: more literal characters, fewer wildcards, a named provider; then the latest start. */
    static final Comparator<PriceEntry> PRECEDENCE = Comparator
            .comparingInt((PriceEntry e) -> -ModelPattern.literals(e.modelPattern()))
            .thenComparingInt(e -> ModelPattern.wildcards(e.modelPattern()))
            .thenComparing(e -> e.provider() == null)
            .thenComparing(PriceEntry::modelPattern)
            .thenComparing(PriceEntry::effectiveFrom, Comparator.reverseOrder());

    @Inject
    DataSource dataSource;

    @Inject
    PriceRepository repository;

    private record Snapshot(long version, List<PriceEntry> defaults, Map<UUID, List<PriceEntry>> tenants,
            Map<String, List<PriceEntry>> remembered) {
    }

    private volatile Snapshot snapshot;

    /**
     * The entry that prices an event of {@code tenant} on {@code model} (via {@code provider}) started at {@code at}:
     * the tenant's own entries before the default book's; among the entries in force at {@code at} the most specific
     * pattern, and for that pattern the latest start.
     */
    public Optional<PriceEntry> find(UUID tenant, String model, String provider, Instant at) {
        Snapshot book = current();
        List<PriceEntry> own = tenant == null ? List.of() : book.tenants.getOrDefault(tenant, List.of());
        Optional<PriceEntry> found = firstInForce(candidates(book, tenant, own, model, provider), at);
        return found.isPresent() ? found : firstInForce(candidates(book, null, book.defaults, model, provider), at);
    }

    /** Reads the book again now (after a local change, before its PricesChanged fires). */
    public void reload() {
        try (Connection c = dataSource.getConnection()) {
            long version = repository.version(c);
            List<PriceEntry> all = repository.all(c);
            List<PriceEntry> defaults = new ArrayList<>();
            Map<UUID, List<PriceEntry>> tenants = new HashMap<>();
            for (PriceEntry e : all) {
                if (e.isDefault()) {
                    defaults.add(e);
                } else {
                    tenants.computeIfAbsent(e.tenantId(), t -> new ArrayList<>()).add(e);
                }
            }
            snapshot = new Snapshot(version, List.copyOf(defaults), Map.copyOf(tenants), new ConcurrentHashMap<>());
        } catch (SQLException e) {
            throw new IllegalStateException("Loading the price book failed", e);
        }
    }

    @Scheduled(every = "${stats.prices.reload-check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadIfChanged() {
        Snapshot held = snapshot;
        if (held == null) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (repository.version(c) != held.version) {
                reload();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Checking the price book's version failed: %s", e.getClass().getName());
        }
    }

    private Snapshot current() {
        Snapshot book = snapshot;
        if (book == null) {
            synchronized (this) {
                if (snapshot == null) {
                    reload();
                }
                book = snapshot;
            }
        }
        return book;
    }

    private static List<PriceEntry> candidates(Snapshot book, UUID tenant, List<PriceEntry> entries, String model, String provider) {
        if (entries.isEmpty()) {
            return List.of();
        }
        String key = tenant + "\u0000" + model + "\u0000" + provider;
        List<PriceEntry> known = book.remembered.get(key);
        if (known != null) {
            return known;
        }
        List<PriceEntry> matching = entries.stream()
                .filter(e -> e.provider() == null || (provider != null && e.provider().toLowerCase(Locale.ROOT)
                        .equals(provider.toLowerCase(Locale.ROOT))))
                .filter(e -> ModelPattern.matches(e.modelPattern(), model))
                .sorted(PRECEDENCE)
                .toList();
        if (book.remembered.size() < MAX_REMEMBERED) {
            book.remembered.put(key, matching);
        }
        return matching;
    }

    /** In precedence order, the first entry in force is the most specific pattern's latest start at or before {@code at}. */
    private static Optional<PriceEntry> firstInForce(List<PriceEntry> ordered, Instant at) {
        for (PriceEntry e : ordered) {
            if (!e.effectiveFrom().isAfter(at)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
