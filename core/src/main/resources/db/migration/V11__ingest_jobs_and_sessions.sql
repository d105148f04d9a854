-- Ingest as jobs (#17): every ingest (the CLI, "Sync now", a scheduled run) is a row that any
-- server's worker may take. A worker holds a job by its lease (owner and expiry, renewed by a
-- heartbeat); a job whose lease expired is taken over by another worker. The two partial unique
-- indexes make the database itself hold that a source has at most one job running and at most one
-- waiting (queued, or failed and waiting for its retry).
CREATE TABLE ingest_jobs (
    id                VARCHAR(36)    PRIMARY KEY,
    source            VARCHAR(1100)  NOT NULL,
    kind              VARCHAR(32)    NOT NULL,
    target            VARCHAR(1024)  NOT NULL,
    workspace_id      VARCHAR(64),
    trigger_kind      VARCHAR(16)    NOT NULL,
    requested_by      VARCHAR(200)   NOT NULL,
    state             VARCHAR(16)    NOT NULL,
    attempts          INTEGER        NOT NULL,
    max_attempts      INTEGER        NOT NULL,
    next_attempt_at   TIMESTAMP      NOT NULL,
    lease_owner       VARCHAR(200),
    lease_expires_at  TIMESTAMP,
    docs_total        INTEGER        DEFAULT 0 NOT NULL,
    docs_seen         INTEGER        DEFAULT 0 NOT NULL,
    docs_added        INTEGER        DEFAULT 0 NOT NULL,
    docs_updated      INTEGER        DEFAULT 0 NOT NULL,
    docs_unchanged    INTEGER        DEFAULT 0 NOT NULL,
    docs_deleted      INTEGER        DEFAULT 0 NOT NULL,
    docs_failed       INTEGER        DEFAULT 0 NOT NULL,
    chunks_embedded   INTEGER        DEFAULT 0 NOT NULL,
    elapsed_ms        BIGINT         DEFAULT 0 NOT NULL,
    problems          VARCHAR(200000),
    error             VARCHAR(2000),
    created_at        TIMESTAMP      NOT NULL,
    started_at        TIMESTAMP,
    heartbeat_at      TIMESTAMP,
    finished_at       TIMESTAMP
);
CREATE UNIQUE INDEX ingest_jobs_one_running_per_source ON ingest_jobs (source)
    WHERE state = 'in_progress';
CREATE UNIQUE INDEX ingest_jobs_one_waiting_per_source ON ingest_jobs (source)
    WHERE state IN ('queued', 'failed');
CREATE INDEX ingest_jobs_due ON ingest_jobs (state, next_attempt_at);
CREATE INDEX ingest_jobs_by_source ON ingest_jobs (source, created_at);
CREATE INDEX ingest_jobs_by_creation ON ingest_jobs (created_at);

-- A scheduled run of a source: the first server to insert a slot's row enqueues its job, so exactly
-- one node does, however many run the schedule.
CREATE TABLE sync_slots (
    source      VARCHAR(1100)  NOT NULL,
    slot_start  TIMESTAMP      NOT NULL,
    job_id      VARCHAR(36),
    node        VARCHAR(200)   NOT NULL,
    created_at  TIMESTAMP      NOT NULL,
    PRIMARY KEY (source, slot_start)
);

-- Browser sessions, shared by every server so that any of them answers any request. Only a SHA-256
-- of the session id is kept; the credential the session re-checks on every request is sealed with
-- the envelope keys, as conversation bodies are.
CREATE TABLE browser_sessions (
    id_hash       VARCHAR(64)    PRIMARY KEY,
    principal_id  VARCHAR(64)    NOT NULL,
    credential    VARCHAR(16000) NOT NULL,
    csrf          VARCHAR(64)    NOT NULL,
    via           VARCHAR(16)    NOT NULL,
    opened_at     TIMESTAMP      NOT NULL,
    expires_at    TIMESTAMP      NOT NULL
);
CREATE INDEX browser_sessions_by_principal ON browser_sessions (principal_id, opened_at);
CREATE INDEX browser_sessions_by_expiry ON browser_sessions (expires_at);
