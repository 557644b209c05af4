-- Read models of ca-service. Every row is derived from events and can be rebuilt by replaying the log
-- into an empty schema; nothing here is a source of truth.

-- Rows are created by whichever event of a CA arrives first (the request and its outcome travel on
-- different topics), so only the key is mandatory.
CREATE TABLE ca (
    ca_id           VARCHAR(36)  PRIMARY KEY,
    status          VARCHAR(16)  NOT NULL,
    common_name     VARCHAR(256),
    subject_dn      VARCHAR(1024),
    key_algorithm   VARCHAR(8),
    key_size        INTEGER,
    digest          VARCHAR(16),
    validity_days   INTEGER,
    serial_number   VARCHAR(40),
    not_before      TIMESTAMPTZ,
    not_after       TIMESTAMPTZ,
    certificate_pem TEXT,
    failure_code    VARCHAR(64),
    failure_reason  VARCHAR(1024),
    requested_by    VARCHAR(256),
    requested_at    TIMESTAMPTZ
);

CREATE TABLE certificate_request (
    request_id       VARCHAR(128) PRIMARY KEY,
    ca_id            VARCHAR(36)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    profile          VARCHAR(64),
    validity_days    INTEGER,
    serial_number    VARCHAR(40),
    rejection_code   VARCHAR(64),
    rejection_detail VARCHAR(2048),
    requested_by     VARCHAR(256),
    requested_at     TIMESTAMPTZ
);
CREATE INDEX certificate_request_ca ON certificate_request (ca_id);

CREATE TABLE certificate (
    id                VARCHAR(80)  PRIMARY KEY, -- ca_id || ':' || serial_number
    ca_id             VARCHAR(36)  NOT NULL,
    serial_number     VARCHAR(40)  NOT NULL,
    request_id        VARCHAR(128) NOT NULL,
    subject_dn        VARCHAR(1024) NOT NULL,
    profile           VARCHAR(64)  NOT NULL,
    not_before        TIMESTAMPTZ  NOT NULL,
    not_after         TIMESTAMPTZ  NOT NULL,
    certificate_pem   TEXT         NOT NULL,
    revoked_at        TIMESTAMPTZ,
    revocation_reason VARCHAR(32),
    revoked_by        VARCHAR(256),
    issued_seq        BIGSERIAL,
    CONSTRAINT certificate_serial_unique UNIQUE (ca_id, serial_number)
);
CREATE INDEX certificate_ca ON certificate (ca_id);

-- Ids of the events already applied, so a redelivered event changes nothing.
CREATE TABLE applied_event (
    event_id   VARCHAR(64) PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
