-- Issue 14: issuance history that operators can ask real questions of. What a search filters on is a column or a row
-- of certificate_name, each with the index its filter needs (docs/API.md, "Searching the history", shows the plans).

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. It lets q (text anywhere in the
-- subject, the names and the host) use an index instead of reading every certificate.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE certificate
    ADD COLUMN issued_at     TIMESTAMPTZ,   -- the time of the fact that issued it (its envelope's), not notBefore
    ADD COLUMN requested_by  VARCHAR(256),
    ADD COLUMN channel       VARCHAR(16),   -- rest, fleet (Kafka), later protocols (events-schema Channel); null for a CA's certificate
    ADD COLUMN key_algorithm VARCHAR(8),    -- of the certified key: RSA or EC
    ADD COLUMN key_size      INTEGER,       -- RSA modulus bits, EC field bits
    ADD COLUMN search_text   TEXT;          -- lower-case subject, names and host, for q

-- Rows projected before this migration: what the rows already say. Their other subjectAltNames, key and exact
-- issuance time come with the next rebuild of the read model from the log.
UPDATE certificate c SET requested_by = r.requested_by, channel = CASE WHEN r.request_id LIKE '%/%' THEN 'fleet' ELSE 'rest' END
    FROM certificate_request r WHERE r.request_id = c.request_id;
-- A fleet request's row is <requester>/<requestId> (RequestKey) and named no requester before V8.
UPDATE certificate SET requested_by = split_part(request_id, '/', 1) WHERE requested_by IS NULL AND request_id LIKE '%/%';
UPDATE certificate SET issued_at = not_before, search_text = lower(subject_dn || ' ' || coalesce(host, ''));

-- One row per subjectAltName, in its search form (request-checks CertificateNames: DNS and e-mail in lower case, IP
-- canonical, URI as written).
CREATE TABLE certificate_name (
    certificate_id VARCHAR(80)   NOT NULL, -- certificate.id; no foreign key, so the projection writes both in any order
    kind           VARCHAR(8)    NOT NULL,
    value          VARCHAR(1024) NOT NULL,
    PRIMARY KEY (certificate_id, kind, value)
);
INSERT INTO certificate_name (certificate_id, kind, value)
    SELECT id, 'DNS', lower(host) FROM certificate WHERE host IS NOT NULL ON CONFLICT DO NOTHING;

CREATE INDEX certificate_name_value ON certificate_name (value);
CREATE INDEX certificate_search_text ON certificate USING gin (search_text gin_trgm_ops);
CREATE INDEX certificate_by_issued ON certificate (issued_seq);
CREATE INDEX certificate_by_not_after ON certificate (not_after, issued_seq);
-- Sorting by subject uses its first 512 characters (a btree entry must stay under 2704 bytes); ties by issued_seq.
CREATE INDEX certificate_by_subject ON certificate ((left(subject_dn, 512)), issued_seq);
CREATE INDEX certificate_by_serial ON certificate (serial_number text_pattern_ops);
CREATE INDEX certificate_by_requester ON certificate (requested_by, issued_at);
CREATE INDEX certificate_by_issued_at ON certificate (issued_at);
CREATE INDEX certificate_by_revoked_at ON certificate (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX certificate_by_profile ON certificate (profile, issued_seq);

-- Refused requests are history too: how each came and when it was decided.
ALTER TABLE certificate_request
    ADD COLUMN channel      VARCHAR(16),
    ADD COLUMN decided_at   TIMESTAMPTZ,
    ADD COLUMN recorded_seq BIGSERIAL;   -- the order the history first recorded each request: what its pages follow
UPDATE certificate_request SET channel = CASE WHEN request_id LIKE '%/%' THEN 'fleet' ELSE 'rest' END;
CREATE INDEX certificate_request_by_requester ON certificate_request (requested_by, requested_at);
CREATE INDEX certificate_request_by_status ON certificate_request (status, recorded_seq);
CREATE INDEX certificate_request_by_recorded ON certificate_request (recorded_seq);
CREATE INDEX certificate_request_by_decided_at ON certificate_request (decided_at);
