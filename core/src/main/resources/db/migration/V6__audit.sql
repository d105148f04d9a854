-- The audit trail: append-only, each record chained to the one before by SHA-256. The chain
-- covers the metadata and the body's hash, so a body can later expire without breaking it.
CREATE TABLE audit_records (
    seq          BIGINT         PRIMARY KEY,
    recorded_at  TIMESTAMP      NOT NULL,
    action       VARCHAR(64)    NOT NULL,
    outcome      VARCHAR(32)    NOT NULL,
    principal    VARCHAR(200)   NOT NULL,
    workspace    VARCHAR(64)    NOT NULL,
    request_id   VARCHAR(64)    NOT NULL,
    metadata     VARCHAR        NOT NULL,
    body         VARCHAR,
    body_hash    VARCHAR(64)    NOT NULL,
    prev_hash    VARCHAR(64)    NOT NULL,
    hash         VARCHAR(64)    NOT NULL
);
CREATE INDEX audit_by_time ON audit_records (recorded_at);
CREATE INDEX audit_by_workspace ON audit_records (workspace, recorded_at);

-- Signed checkpoints: the hash at a sequence number, signed with the instance's Ed25519 key.
CREATE TABLE audit_checkpoints (
    seq        BIGINT        PRIMARY KEY,
    hash       VARCHAR(64)   NOT NULL,
    signature  VARCHAR(200)  NOT NULL,
    key_id     VARCHAR(64)   NOT NULL,
    signed_at  TIMESTAMP     NOT NULL
);
