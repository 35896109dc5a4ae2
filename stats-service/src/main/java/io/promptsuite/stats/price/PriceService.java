package io.promptsuite.stats.price;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.page.Page;
import io.promptsuite.common.page.PageParams;
import io.promptsuite.common.security.Caller;
import io.promptsuite.common.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * The price book's API side: a tenant reads its own entries and the defaults and changes its own; a platform admin
 * also changes the default book. Each change commits with a move of the book's version, reloads this instance's book
 * and then fires {@link PricesChanged}, so whoever recomputes costs already prices with the new book.
 */
@ApplicationScoped
public class PriceService {

    private static final Logger LOG = Logger.getLogger(PriceService.class);
    static final int MAX_ENTRIES_PER_TENANT = 1000;

    @Inject
    DataSource dataSource;

    @Inject
    PriceRepository repository;

    @Inject
    PriceBook book;

    @Inject
    Event<PricesChanged> changes;

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public Page<PriceEntry> list(Caller caller, String source, PageParams page) {
        UUID tenant = caller.tenant();
        return read(c -> new Page<>(repository.page(c, tenant, source, page.offset(), page.size), page.page, page.size,
                repository.count(c, tenant, source)));
    }

    public PriceEntry get(Caller caller, String id) {
        return visible(caller, id);
    }

    public PriceEntry create(Caller caller, PriceDtos.PriceBody body) {
        PriceRules.check(body);
        UUID owner = "default".equals(body.scope()) ? requirePlatformAdmin(caller) : caller.tenant();
        PriceEntry entry = entry(UUID.randomUUID(), owner, body, null);
        PriceEntry created = write(c -> {
            repository.bumpVersion(c);
            if (repository.countOwn(c, owner) >= MAX_ENTRIES_PER_TENANT) {
                throw new ApiException(409, "PRICE_BOOK_FULL", "A price book holds at most " + MAX_ENTRIES_PER_TENANT + " entries");
            }
            if (!repository.insert(c, entry)) {
                throw duplicate();
            }
            return repository.find(c, entry.id()).orElseThrow();
        });
        changed(owner, created.effectiveFrom());
        return created;
    }

    public PriceEntry update(Caller caller, String id, PriceDtos.PriceBody body) {
        PriceEntry old = changeable(caller, id);
        PriceRules.check(body);
        if (body.scope() != null && !body.scope().equals(old.isDefault() ? "default" : "tenant")) {
            throw ApiException.invalidField("scope", "an entry stays in the book it was created in");
        }
        PriceEntry entry = entry(old.id(), old.tenantId(), body, old.createdAt());
        PriceEntry updated = write(c -> {
            repository.bumpVersion(c);
            if (repository.find(c, old.id()).isEmpty()) {
                throw notFound();
            }
            repository.update(c, entry);
            return repository.find(c, entry.id()).orElseThrow();
        });
        changed(old.tenantId(), min(old.effectiveFrom(), updated.effectiveFrom()));
        return updated;
    }

    public void delete(Caller caller, String id) {
        PriceEntry old = changeable(caller, id);
        write(c -> {
            repository.bumpVersion(c);
            repository.delete(c, old.id());
            return null;
        });
        changed(old.tenantId(), old.effectiveFrom());
    }

    /** The tenant's own entry or a default one; any other id, or one that is no id at all, is not found. */
    private PriceEntry visible(Caller caller, String id) {
        UUID tenant = caller.tenant();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        Optional<PriceEntry> entry = read(c -> repository.find(c, uuid));
        if (entry.isEmpty() || !(entry.get().isDefault() || tenant.equals(entry.get().tenantId()))) {
            throw notFound();
        }
        return entry.get();
    }

    private PriceEntry changeable(Caller caller, String id) {
        PriceEntry entry = visible(caller, id);
        if (entry.isDefault()) {
            requirePlatformAdmin(caller);
        }
        return entry;
    }

    private static UUID requirePlatformAdmin(Caller caller) {
        if (!caller.has(Roles.PLATFORM_ADMIN)) {
            throw new ApiException(403, "DEFAULT_BOOK_READ_ONLY",
                    "Only a platform admin changes the default book; add an entry of your own to override it");
        }
        return null;
    }

    private static PriceEntry entry(UUID id, UUID tenant, PriceDtos.PriceBody body, Instant createdAt) {
        return new PriceEntry(id, tenant, body.modelPattern(), body.provider(), body.effectiveFrom().toInstant(),
                body.inputPerMtok(), body.cachedInputPerMtok(), body.cacheWritePerMtok(), body.outputPerMtok(),
                body.reasoningPerMtok(), body.tiers() == null ? List.of() : List.copyOf(body.tiers()), createdAt, null);
    }

    private void changed(UUID tenant, Instant from) {
        book.reload();
        try {
            changes.fire(new PricesChanged(tenant, from));
        } catch (RuntimeException e) {
            // The change is committed and this instance prices with it; a failed recompute can be repeated by a rebuild.
            LOG.errorf("Recomputing costs after a price change failed: %s", e.getClass().getName());
        }
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the price book failed", e);
        }
    }

    private <T> T write(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    throw duplicate();
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Changing the price book failed", e);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static ApiException notFound() {
        return ApiException.notFound("PRICE_NOT_FOUND", "No such price entry");
    }

    private static ApiException duplicate() {
        return ApiException.conflict("PRICE_EXISTS", "An entry for this model pattern, provider and effective_from exists");
    }
}
