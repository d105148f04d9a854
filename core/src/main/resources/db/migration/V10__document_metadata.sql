-- What a connector read besides the title and status (an ADR's successor, a runbook's alert and
-- severity, a control's id), as a JSON object of strings; documents ingested before it have '{}'
-- until they change.
ALTER TABLE documents ADD COLUMN metadata VARCHAR(8000) DEFAULT '{}' NOT NULL;
