package eaeu.pmm03.server.transport;

import eaeu.pmm03.server.db.DatabaseOutage;
import org.apache.wss4j.common.cache.ReplayCache;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A WSS4J replay cache kept in the {@code replay_cache} table (decision D-122): a nonce or a signed timestamp seen
 * once is refused as a replay until it expires, also after a restart of the node and on another node of the same
 * database. {@link #contains} records what it is asked about in the same statement (test and set), so two requests
 * carrying the same nonce at the same moment, on one node or two, cannot both pass; {@link #add} then sets the expiry
 * WSS4J computed. If the database cannot be reached the request is refused with the retryable Receiver fault of
 * D-121 rather than let through unchecked.
 */
public final class DbReplayCache implements ReplayCache {

    private final JdbcTemplate jdbc;
    private final String name;
    private final Duration defaultTtl;
    private final Clock clock;

    public DbReplayCache(JdbcTemplate jdbc, String name, Duration defaultTtl, Clock clock) {
        this.jdbc = jdbc;
        this.name = name;
        this.defaultTtl = defaultTtl;
        this.clock = clock;
    }

    @Override
    public boolean contains(String identifier) {
        String key = key(identifier);
        long now = clock.millis();
        try {
            try {
                jdbc.update("INSERT INTO replay_cache (token_hash, cache_name, expires_at) VALUES (?, ?, ?)", key, name,
                        now + defaultTtl.toMillis());
                return false; // first seen: now recorded
            } catch (DuplicateKeyException seen) {
                // seen before: a replay, unless that entry has expired (then it is taken over, atomically)
                int renewed = jdbc.update("UPDATE replay_cache SET expires_at = ? WHERE token_hash = ? AND expires_at < ?",
                        now + defaultTtl.toMillis(), key, now);
                return renewed == 0;
            }
        } catch (DataAccessException e) {
            throw outage(e);
        }
    }

    @Override
    public void add(String identifier) {
        add(identifier, clock.instant().plus(defaultTtl));
    }

    @Override
    public void add(String identifier, Instant expiry) {
        Instant until = expiry == null ? clock.instant().plus(defaultTtl) : expiry;
        try {
            jdbc.update("INSERT INTO replay_cache (token_hash, cache_name, expires_at) VALUES (?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE expires_at = GREATEST(expires_at, VALUES(expires_at))",
                    key(identifier), name, until.toEpochMilli());
        } catch (DataAccessException e) {
            throw outage(e);
        }
    }

    /** Deletes the expired entries; returns how many. */
    public static int purgeExpired(JdbcTemplate jdbc, Clock clock) {
        return jdbc.update("DELETE FROM replay_cache WHERE expires_at < ? LIMIT 10000", clock.millis());
    }

    @Override
    public void close() {
        // nothing to release: the table outlives the endpoint
    }

    private String key(String identifier) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(name.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(identifier.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException outage(DataAccessException e) {
        return DatabaseOutage.isCause(e) ? Faults.receiver(DatabaseOutage.TEXT, e) : e;
    }
}
