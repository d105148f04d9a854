-- The workspace an API token is bound to, or NULL: a bound token spends that workspace's budget and
-- is recorded under it when it calls the OpenAI-compatible gateway (/v1). Deleting the workspace
-- deletes the tokens bound to it: they could spend nowhere.
ALTER TABLE api_tokens ADD COLUMN workspace_id VARCHAR(64) REFERENCES workspaces (id) ON DELETE CASCADE;
