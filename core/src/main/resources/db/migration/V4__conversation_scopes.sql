-- A conversation may span several workspaces; its running summary is kept beside it.
CREATE TABLE conversation_scopes (
    conversation_id  VARCHAR(36)  NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    workspace_id     VARCHAR(64)  NOT NULL,
    PRIMARY KEY (conversation_id, workspace_id)
);

ALTER TABLE conversations ADD COLUMN summary VARCHAR DEFAULT '' NOT NULL;
ALTER TABLE conversations ADD COLUMN title VARCHAR(200) DEFAULT '' NOT NULL;
CREATE INDEX conversations_by_principal ON conversations (principal_id, created_at);
