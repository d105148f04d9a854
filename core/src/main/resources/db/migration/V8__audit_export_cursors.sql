-- How far each SIEM sink has been delivered: the last audit sequence number it acknowledged.
-- Saved only after the sink accepted a batch, so a crash or an outage resends, never skips.
CREATE TABLE audit_export_cursors (
    sink        VARCHAR(200)   PRIMARY KEY,
    last_seq    BIGINT         NOT NULL,
    delivered   BIGINT         NOT NULL,
    updated_at  TIMESTAMP      NOT NULL
);
