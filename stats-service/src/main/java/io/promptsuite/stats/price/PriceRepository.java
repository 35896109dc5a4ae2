package io.promptsuite.stats.price;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The {@code prices} table, through the caller's connection so a change and its version bump share a transaction. */
@ApplicationScoped
public class PriceRepository {

    private static final String COLUMNS = "id, tenant_id, model_pattern, provider, effective_from, input_per_mtok, "
            + "cached_input_per_mtok, cache_write_per_mtok, output_per_mtok, reasoning_per_mtok, tiers::text, created_at, updated_at";
    private static final TypeReference<List<PriceTier>> TIERS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    /** Every entry of the book, defaults and all tenants'. */
    public List<PriceEntry> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM prices")) {
            return read(ps);
        }
    }

    /** The tenant's entries (or, with {@code tenant} null, only the defaults) and the defaults, tenant ones first. */
    public List<PriceEntry> page(Connection c, UUID tenant, String source, long offset, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM prices WHERE " + where(source)
                + " ORDER BY tenant_id IS NULL, model_pattern, provider NULLS FIRST, effective_from, id OFFSET ? LIMIT ?")) {
            int i = bind(ps, tenant, source);
            ps.setLong(i++, offset);
            ps.setInt(i, limit);
            return read(ps);
        }
    }

    public long count(Connection c, UUID tenant, String source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM prices WHERE " + where(source))) {
            bind(ps, tenant, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public long countOwn(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM prices WHERE tenant_id IS NOT DISTINCT FROM ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<PriceEntry> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM prices WHERE id = ?")) {
            ps.setObject(1, id);
            return read(ps).stream().findFirst();
        }
    }

    /** Inserts the entry; false when the same (tenant, pattern, provider, effective_from) exists already. */
    public boolean insert(Connection c, PriceEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO prices (id, tenant_id, model_pattern, provider, effective_from, input_per_mtok,
                    cached_input_per_mtok, cache_write_per_mtok, output_per_mtok, reasoning_per_mtok, tiers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT ON CONSTRAINT prices_unique DO NOTHING""")) {
            ps.setObject(1, e.id());
            ps.setObject(2, e.tenantId());
            bindFields(ps, 3, e);
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces the entry's fields; a 23505 unique violation when it then collides with another entry. */
    public void update(Connection c, PriceEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE prices SET model_pattern = ?, provider = ?, effective_from = ?, input_per_mtok = ?,
                    cached_input_per_mtok = ?, cache_write_per_mtok = ?, output_per_mtok = ?, reasoning_per_mtok = ?,
                    tiers = ?::jsonb, updated_at = now()
                WHERE id = ?""")) {
            int i = bindFields(ps, 1, e);
            ps.setObject(i, e.id());
            ps.executeUpdate();
        }
    }

    public void delete(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM prices WHERE id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    /** Moves the book's version, taking its row lock: price changes queue here one at a time. */
    public long bumpVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE price_book_version SET version = version + 1 WHERE id = 1 RETURNING version");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public long version(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM price_book_version WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String where(String source) {
        return switch (source) {
            case "tenant" -> "tenant_id = ?";
            case "default" -> "tenant_id IS NULL";
            default -> "(tenant_id = ? OR tenant_id IS NULL)";
        };
    }

    private static int bind(PreparedStatement ps, UUID tenant, String source) throws SQLException {
        if ("default".equals(source)) {
            return 1;
        }
        ps.setObject(1, tenant);
        return 2;
    }

    private int bindFields(PreparedStatement ps, int i, PriceEntry e) throws SQLException {
        ps.setString(i++, e.modelPattern());
        ps.setString(i++, e.provider());
        ps.setObject(i++, e.effectiveFrom().atOffset(ZoneOffset.UTC));
        ps.setBigDecimal(i++, e.inputPerMtok());
        ps.setBigDecimal(i++, e.cachedInputPerMtok());
        ps.setBigDecimal(i++, e.cacheWritePerMtok());
        ps.setBigDecimal(i++, e.outputPerMtok());
        ps.setBigDecimal(i++, e.reasoningPerMtok());
        try {
            ps.setString(i++, json.writeValueAsString(e.tiers()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Tiers can't be written", ex);
        }
        return i;
    }

    private List<PriceEntry> read(PreparedStatement ps) throws SQLException {
        List<PriceEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries.add(new PriceEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), instant(rs, 5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                        rs.getBigDecimal(9), rs.getBigDecimal(10), tiers(rs.getString(11)), instant(rs, 12), instant(rs, 13)));
            }
        }
        return entries;
    }

    private List<PriceTier> tiers(String text) {
        try {
            return List.copyOf(json.readValue(text, TIERS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored tier list is not readable", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static BigDecimal plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
    }
}
