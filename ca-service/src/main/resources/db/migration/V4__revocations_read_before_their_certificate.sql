-- Revocations and issuance travel on different topics, so a replay of the log may bring a revocation before the
-- certificate it revokes. It is kept here until the certificate's row exists, then applied and removed.
CREATE TABLE early_revocation (
    id                 VARCHAR(200) PRIMARY KEY,
    revoked_at         TIMESTAMPTZ  NOT NULL,
    revocation_reason  VARCHAR(32)  NOT NULL,
    revoked_by         VARCHAR(256) NOT NULL
);
