-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.
CREATE TABLE workspaces (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP    NOT NULL
);

CREATE TABLE documents (
    id            VARCHAR(512)  PRIMARY KEY,
    workspace_id  VARCHAR(64)   NOT NULL REFERENCES workspaces (id),
    source        VARCHAR(1024) NOT NULL,
    source_kind   VARCHAR(32)   NOT NULL,
    path          VARCHAR(1024) NOT NULL,
    title         VARCHAR(512)  NOT NULL,
    status        VARCHAR(64)   NOT NULL,
    supersedes    VARCHAR(512)  NOT NULL,
    content_hash  VARCHAR(64)   NOT NULL,
    chunk_count   INTEGER       NOT NULL,
    ingested_at   TIMESTAMP     NOT NULL
);
CREATE INDEX documents_by_source ON documents (source);

CREATE TABLE chunks (
    document_id   VARCHAR(512)  NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal       INTEGER       NOT NULL,
    heading_path  VARCHAR(2048) NOT NULL,
    body          VARCHAR       NOT NULL,
    PRIMARY KEY (document_id, ordinal)
);

CREATE TABLE conversations (
    id            VARCHAR(36)   PRIMARY KEY,
    workspace_id  VARCHAR(64)   NOT NULL REFERENCES workspaces (id),
    created_at    TIMESTAMP     NOT NULL
);

CREATE TABLE messages (
    conversation_id  VARCHAR(36)   NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    ordinal          INTEGER       NOT NULL,
    role             VARCHAR(16)   NOT NULL,
    body             VARCHAR       NOT NULL,
    citations        VARCHAR       NOT NULL,
    refused          BOOLEAN       NOT NULL,
    created_at       TIMESTAMP     NOT NULL,
    PRIMARY KEY (conversation_id, ordinal)
);
