-- A model call's budget reservation, written (and synced) before the call starts and deleted in the
-- transaction that bills it. One left behind by a killed process is a call that was never billed:
-- the next start bills it at its reserved worst case and audits it as interrupted. Shared by every
-- app process, so a hard cap holds across them.
CREATE TABLE budget_reservations (
    id               VARCHAR(36)    PRIMARY KEY,
    workspace_id     VARCHAR(64)    NOT NULL,
    principal_id     VARCHAR(64)    NOT NULL,
    model_id         VARCHAR(200)   NOT NULL,
    tier             VARCHAR(16)    NOT NULL,
    input_tokens     INTEGER        NOT NULL,
    output_tokens    INTEGER        NOT NULL,
    estimate_usd     DECIMAL(18, 8) NOT NULL,
    conversation_id  VARCHAR(36),
    owner            VARCHAR(200)   NOT NULL,
    created_at       TIMESTAMP      NOT NULL
);
CREATE INDEX reservations_by_workspace ON budget_reservations (workspace_id);
CREATE INDEX reservations_by_owner ON budget_reservations (owner, created_at);

ALTER TABLE usage_rows ADD COLUMN interrupted BOOLEAN DEFAULT FALSE NOT NULL;
