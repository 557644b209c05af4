-- Requesters (issue 6): who may ask for certificates and within which policy, projected from eventca.registry.
-- The lists hold names, profiles and CA ids, none of which may contain a comma, so they are stored comma-joined.
CREATE TABLE requester (
    name               VARCHAR(128) PRIMARY KEY,
    status             VARCHAR(16)  NOT NULL,
    public_key_pem     TEXT         NOT NULL,
    allowed_names      TEXT         NOT NULL,
    allowed_profiles   TEXT         NOT NULL,
    max_validity_days  INTEGER      NOT NULL,
    allowed_ca_ids     TEXT,
    registered_by      VARCHAR(256) NOT NULL,
    registered_at      TIMESTAMPTZ  NOT NULL,
    retired_by         VARCHAR(256),
    retired_at         TIMESTAMPTZ
);

-- A retired CA issues nothing more; its certificate, chain and CRLs stay available.
ALTER TABLE ca ADD COLUMN retired_by VARCHAR(256);
ALTER TABLE ca ADD COLUMN retired_at TIMESTAMPTZ;
ALTER TABLE ca ADD COLUMN retirement_reason VARCHAR(256);
