-- Which model tiers a workspace may use, comma-separated: advanced writes answers, basic serves light work.
ALTER TABLE workspaces ADD COLUMN model_tiers VARCHAR(64) DEFAULT 'advanced,basic' NOT NULL;
