package io.promptsuite.stats.price;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Loads the shipped default book ({@code default-prices.json}) at start. An entry already present (same pattern,
 * provider and effective_from) is left as it is, so a platform admin's correction survives restarts, and a new price
 * ships as a new entry with a later effective_from, never as an edit of history. Every instance may do this at once.
 */
@ApplicationScoped
public class DefaultPriceBook {

    private static final Logger LOG = Logger.getLogger(DefaultPriceBook.class);
    static final String RESOURCE = "default-prices.json";

    @Inject
    DataSource dataSource;

    @Inject
    PriceRepository repository;

    @Inject
    PriceBook book;

    @Inject
    ObjectMapper json;

    @Inject
    Event<PricesChanged> changes;

    void onStart(@Observes StartupEvent event) {
        List<PriceDtos.PriceBody> shipped = shipped();
        int added = 0;
        boolean hadDefaults;
        Instant earliest = null;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                repository.bumpVersion(c);
                hadDefaults = repository.countOwn(c, null) > 0;
                for (PriceDtos.PriceBody body : shipped) {
                    PriceRules.check(body);
                    PriceEntry entry = new PriceEntry(stableId(body), null, body.modelPattern(), body.provider(),
                            body.effectiveFrom().toInstant(), body.inputPerMtok(), body.cachedInputPerMtok(),
                            body.cacheWritePerMtok(), body.outputPerMtok(), body.reasoningPerMtok(),
                            body.tiers() == null ? List.of() : body.tiers(), null, null);
                    if (repository.insert(c, entry)) {
                        added++;
                        earliest = earliest == null || entry.effectiveFrom().isBefore(earliest) ? entry.effectiveFrom() : earliest;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Loading the default price book failed", e);
        }
        book.reload();
        if (added > 0) {
            LOG.infof("Added %d entries of the default price book", added);
        }
        // On a first start there is nothing to recompute; later, a newly shipped price reprices what it covers.
        if (added > 0 && hadDefaults) {
            changes.fire(new PricesChanged(null, earliest));
        }
    }

    private List<PriceDtos.PriceBody> shipped() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return json.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " is not readable", e);
        }
    }

    /** The same id on every database for the same shipped entry. */
    private static UUID stableId(PriceDtos.PriceBody body) {
        String key = body.modelPattern() + "|" + body.provider() + "|" + body.effectiveFrom().toInstant();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
