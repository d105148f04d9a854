-- Principals, their workspace roles and API tokens; workspace settings; usage and budgets.
CREATE TABLE principals (
    id          VARCHAR(64)   PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    org_admin   BOOLEAN       NOT NULL,
    created_at  TIMESTAMP     NOT NULL
);

CREATE TABLE memberships (
    principal_id  VARCHAR(64)  NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    workspace_id  VARCHAR(64)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    role          VARCHAR(32)  NOT NULL,
    PRIMARY KEY (principal_id, workspace_id)
);

-- Only a SHA-256 of each token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id            VARCHAR(36)   PRIMARY KEY,
    principal_id  VARCHAR(64)   NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    name          VARCHAR(200)  NOT NULL,
    token_hash    VARCHAR(64)   NOT NULL UNIQUE,
    created_at    TIMESTAMP     NOT NULL,
    expires_at    TIMESTAMP,
    revoked_at    TIMESTAMP
);

ALTER TABLE workspaces ADD COLUMN visibility VARCHAR(16) DEFAULT 'private' NOT NULL;
ALTER TABLE workspaces ADD COLUMN system_prompt VARCHAR(8000) DEFAULT '' NOT NULL;
ALTER TABLE workspaces ADD COLUMN monthly_cap_usd DECIMAL(18, 6);
ALTER TABLE workspaces ADD COLUMN hard_cap BOOLEAN DEFAULT FALSE NOT NULL;

ALTER TABLE conversations ADD COLUMN principal_id VARCHAR(64);

-- One row per model call, priced when it happened: a later price change never rewrites history.
CREATE TABLE usage_rows (
    id                  VARCHAR(36)    PRIMARY KEY,
    workspace_id        VARCHAR(64)    NOT NULL,
    principal_id        VARCHAR(64)    NOT NULL,
    model_id            VARCHAR(200)   NOT NULL,
    tier                VARCHAR(16)    NOT NULL,
    backend             VARCHAR(32)    NOT NULL,
    input_tokens        INTEGER        NOT NULL,
    output_tokens       INTEGER        NOT NULL,
    reasoning_tokens    INTEGER        NOT NULL,
    cache_read_tokens   INTEGER        NOT NULL,
    cache_write_tokens  INTEGER        NOT NULL,
    cost_usd            DECIMAL(18, 8) NOT NULL,
    usage_month         CHAR(7)        NOT NULL,
    used_at             TIMESTAMP      NOT NULL
);
CREATE INDEX usage_by_workspace_month ON usage_rows (workspace_id, usage_month);

-- A threshold alert fires once per workspace and month: the primary key makes the second insert fail.
CREATE TABLE budget_alerts (
    workspace_id  VARCHAR(64)  NOT NULL,
    alert_month   CHAR(7)      NOT NULL,
    threshold     INTEGER      NOT NULL,
    fired_at      TIMESTAMP    NOT NULL,
    PRIMARY KEY (workspace_id, alert_month, threshold)
);
