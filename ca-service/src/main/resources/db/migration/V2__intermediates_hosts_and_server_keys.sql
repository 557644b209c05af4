-- Intermediate CAs, the create_cert.sh parameters and the SHA-1 opt-in, projected from the optional v1 fields.
ALTER TABLE ca ADD COLUMN parent_ca_id VARCHAR(36);
ALTER TABLE ca ADD COLUMN path_length INTEGER;
ALTER TABLE ca ADD COLUMN sha1_opt_in BOOLEAN;

ALTER TABLE certificate_request ADD COLUMN host VARCHAR(253);
ALTER TABLE certificate_request ADD COLUMN digest VARCHAR(16);
ALTER TABLE certificate_request ADD COLUMN sha1_opt_in BOOLEAN;

ALTER TABLE certificate ADD COLUMN host VARCHAR(253);
ALTER TABLE certificate ADD COLUMN digest VARCHAR(16);
ALTER TABLE certificate ADD COLUMN sha1_opt_in BOOLEAN;

-- Not a projection: keys that eventca generated for a requester (create_cert.sh style), kept ONLY as
-- encrypted PKCS#8 (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) under the requester's passphrase, which eventca
-- does not keep. It lets the requester download the key again, in the format it needs. Nothing in Kafka
-- refers to it; losing this table loses the downloads, not a fact.
CREATE TABLE requester_key (
    request_id        VARCHAR(128) PRIMARY KEY,
    ca_id             VARCHAR(36)  NOT NULL,
    key_algorithm     VARCHAR(8)   NOT NULL,
    key_size          INTEGER      NOT NULL,
    encrypted_pkcs8   TEXT         NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
