-- D-122: the WS-Security replay caches (UsernameToken nonces, signed timestamps) in the database, so that replay
-- protection survives a restart and holds across nodes sharing one database. The key is the SHA-256 of the cache's
-- name and the identifier WSS4J gives (a nonce; a timestamp's Created with the signature value); expired rows are
-- deleted by DbReplayCache's cleanup. expires_at is milliseconds since the epoch (no time-zone conversions).
CREATE TABLE replay_cache (
    token_hash CHAR(64)    NOT NULL,
    cache_name VARCHAR(16) NOT NULL,
    expires_at BIGINT      NOT NULL,
    PRIMARY KEY (token_hash),
    INDEX ix_replay_cache_expires (expires_at)
) ENGINE = InnoDB;
