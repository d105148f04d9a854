-- Envelope encryption of audit bodies: one data key per month, stored only wrapped by the
-- customer's key (a local key file, or a KMS key).
CREATE TABLE audit_data_keys (
    period        VARCHAR(7)     PRIMARY KEY,
    wrapped_key   VARCHAR(512)   NOT NULL,
    master_key_id VARCHAR(128)   NOT NULL,
    created_at    TIMESTAMP      NOT NULL
);
