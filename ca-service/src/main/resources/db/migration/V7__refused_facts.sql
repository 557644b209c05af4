-- Facts the projection did not believe (issue 11, forged facts): a certificate its CA did not sign, a root that does not
-- sign itself, a CaCreated naming another subject than its request or replacing a CA's certificate. Not applied; kept
-- here, with why, for operators (and logged, and counted as eventca_projection_refused_facts_total).
CREATE TABLE refused_fact (
    event_id    VARCHAR(64)   PRIMARY KEY,
    event_type  VARCHAR(128)  NOT NULL,
    ca_id       VARCHAR(36)   NOT NULL,
    reason      VARCHAR(1024) NOT NULL,
    refused_at  TIMESTAMPTZ   NOT NULL
);
