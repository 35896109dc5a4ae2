package io.promptsuite.stats.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The PostgreSQL advisory lock that lets one writer of the rollups work at a time across every instance: the folder
 * takes it for one transaction (and skips its turn when it is taken), the rebuilder holds it for one day's chunk.
 */
public final class FoldLock {

    /** "stats-rollup" in a number; any other user of advisory locks in this database must pick another. */
    public static final long KEY = 0x7374617473_726FL;

    private FoldLock() {
    }

    /** In the caller's transaction, released at its end: false when another fold or rebuild holds it. */
    static boolean tryInTransaction(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * On a connection outside any transaction, waiting for the holder. A session lock rather than a transaction one
     * because it has to be granted before the rebuild's REPEATABLE READ snapshot is taken: a snapshot taken while
     * waiting would predate the fold that just committed and see its pending rows still there.
     */
    static void acquireSession(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        }
    }

    static void releaseSession(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        }
    }
}
