-- Where each source's next incremental scan starts (e.g. Jira's last seen "updated").
CREATE TABLE source_cursors (
    source      VARCHAR(1024) PRIMARY KEY,
    cursor_val  VARCHAR(1024) NOT NULL,
    saved_at    TIMESTAMP     NOT NULL
);
