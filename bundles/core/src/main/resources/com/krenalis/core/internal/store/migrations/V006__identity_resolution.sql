-- Identity resolution per workspace: its settings, and a record of every run (the run's warehouse work is one
-- warehouse transaction; this record is what the API shows while it runs and afterwards).
CREATE TABLE identity_resolution_settings (
    workspace_id  bigint PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    settings      jsonb NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity_resolution_runs (
    id            bigserial PRIMARY KEY,
    workspace_id  bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- running, succeeded, failed, rolled_back
    state         text NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    ended_at      timestamptz,
    -- [{"name": "edges", "millis": 120}, ...]
    phases        jsonb NOT NULL DEFAULT '[]',
    identities    bigint NOT NULL DEFAULT 0,
    profiles      bigint NOT NULL DEFAULT 0,
    merges        bigint NOT NULL DEFAULT 0,
    splits        bigint NOT NULL DEFAULT 0,
    rounds        integer NOT NULL DEFAULT 0,
    -- [{"identities": 12000, "topValues": ["email: one value shared by 11000 identities"]}]: counts, never values
    guard_hits    jsonb NOT NULL DEFAULT '[]',
    error         text
);

-- One running run per workspace, enforced by the database: a second start fails on this index (409).
CREATE UNIQUE INDEX identity_resolution_one_running ON identity_resolution_runs (workspace_id) WHERE state = 'running';
CREATE INDEX identity_resolution_runs_workspace ON identity_resolution_runs (workspace_id, id DESC);
