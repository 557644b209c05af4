-- Passphrase guesses on server-generated keys (issue 11). Not a projection: the counts every ca-service instance shares,
-- one row per scope ('certificate:<caId>:<serial>' or 'caller:<principal>'). A row never holds a passphrase.
-- A certificate that reached the lock-out threshold gets locked_at and locked_caller at once; lockout_recorded turns
-- true once its KeyDownloadLockedOut event is in the log (an outage of Kafka delays the event, never the lock).
CREATE TABLE key_download_guard (
    scope             TEXT        PRIMARY KEY,
    failures          INTEGER     NOT NULL,
    next_attempt_at   TIMESTAMPTZ NOT NULL,
    last_failure_at   TIMESTAMPTZ,
    locked_at         TIMESTAMPTZ,
    locked_caller     TEXT,
    lockout_recorded  BOOLEAN     NOT NULL DEFAULT FALSE
);

-- The projection of KeyDownloadLockedOut and KeyDownloadUnlocked, for admins and operators.
CREATE TABLE key_download_lockout (
    certificate_id  VARCHAR(200) PRIMARY KEY,
    ca_id           VARCHAR(36)  NOT NULL,
    serial_number   VARCHAR(40)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    caller          VARCHAR(256) NOT NULL,
    failures        INTEGER      NOT NULL,
    locked_at       TIMESTAMPTZ  NOT NULL,
    unlocked_by     VARCHAR(256),
    unlocked_at     TIMESTAMPTZ,
    unlock_reason   VARCHAR(256)
);
CREATE INDEX key_download_lockout_by_status ON key_download_lockout (status, locked_at);
