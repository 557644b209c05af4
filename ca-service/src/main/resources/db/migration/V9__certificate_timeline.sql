-- Issue 14: a certificate's timeline. Every fact the projection applies about a request or a certificate, with where on
-- the log it is (topic, partition, offset), so GET .../certificates/{serial}/history can say what happened, in order,
-- and an auditor can read each fact back from Kafka. Facts applied before this migration come with the next rebuild.
CREATE TABLE certificate_fact (
    seq            BIGSERIAL     PRIMARY KEY,
    request_row    VARCHAR(300),              -- certificate_request.request_id the fact belongs to, if any
    certificate_id VARCHAR(80),               -- certificate.id the fact belongs to, if any
    event_type     VARCHAR(128)  NOT NULL,
    event_id       VARCHAR(64)   NOT NULL,
    written_at     TIMESTAMPTZ   NOT NULL,    -- the fact's envelope time
    topic          VARCHAR(255)  NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset   BIGINT        NOT NULL,
    summary        TEXT          NOT NULL     -- what the fact says, as JSON: who, over which channel, why
);
CREATE INDEX certificate_fact_by_request ON certificate_fact (request_row, seq);
CREATE INDEX certificate_fact_by_certificate ON certificate_fact (certificate_id, seq);
