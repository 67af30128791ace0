-- Pipelines of connections, their batch runs, the records that failed a step, and counts per step by minute.
CREATE TABLE pipelines (
    id               bigserial PRIMARY KEY,
    workspace_id     bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connection_id    bigint NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    name             text NOT NULL,
    -- users, events
    target           text NOT NULL,
    enabled          boolean NOT NULL,
    schedule_minutes integer,
    filter           jsonb,
    -- {"kind": "none" | "mapping" | "function", "mapping": {...}, "language": "...", "source": "..."}
    transformation   jsonb NOT NULL,
    incremental      boolean NOT NULL DEFAULT false,
    version          integer NOT NULL DEFAULT 1,
    disabled_reason  text,
    -- where the next incremental read starts (the connector's cursor after the last successful run)
    cursor           text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pipelines_workspace ON pipelines (workspace_id, connection_id);

CREATE TABLE pipeline_runs (
    id               bigserial PRIMARY KEY,
    pipeline_id      bigint NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    workspace_id     bigint NOT NULL,
    pipeline_version integer NOT NULL,
    -- running, succeeded, failed, cancelled
    state            text NOT NULL,
    -- manual, schedule
    trigger          text NOT NULL,
    incremental      boolean NOT NULL,
    started_at       timestamptz NOT NULL DEFAULT now(),
    ended_at         timestamptz,
    received         bigint NOT NULL DEFAULT 0,
    validated        bigint NOT NULL DEFAULT 0,
    passed_filter    bigint NOT NULL DEFAULT 0,
    transformed      bigint NOT NULL DEFAULT 0,
    output_validated bigint NOT NULL DEFAULT 0,
    written          bigint NOT NULL DEFAULT 0,
    failed           bigint NOT NULL DEFAULT 0,
    total            bigint NOT NULL DEFAULT -1,
    cancel_requested boolean NOT NULL DEFAULT false,
    error            text
);
-- One running run per pipeline, enforced by the database: a second start fails on this index (409).
CREATE UNIQUE INDEX pipeline_runs_one_running ON pipeline_runs (pipeline_id) WHERE state = 'running';
CREATE INDEX pipeline_runs_workspace ON pipeline_runs (workspace_id, id DESC);
CREATE INDEX pipeline_runs_pipeline ON pipeline_runs (pipeline_id, id DESC);

CREATE TABLE pipeline_errors (
    id            bigserial PRIMARY KEY,
    pipeline_id   bigint NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    run_id        bigint REFERENCES pipeline_runs (id) ON DELETE CASCADE,
    at            timestamptz NOT NULL DEFAULT now(),
    record_key    text NOT NULL,
    step          text NOT NULL,
    message       text NOT NULL
);
CREATE INDEX pipeline_errors_pipeline ON pipeline_errors (pipeline_id, id DESC);

-- Counts per step by minute (UTC); hours and days are sums of minutes.
CREATE TABLE pipeline_metrics (
    pipeline_id      bigint NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    minute           timestamptz NOT NULL,
    received         bigint NOT NULL DEFAULT 0,
    validated        bigint NOT NULL DEFAULT 0,
    passed_filter    bigint NOT NULL DEFAULT 0,
    transformed      bigint NOT NULL DEFAULT 0,
    output_validated bigint NOT NULL DEFAULT 0,
    written          bigint NOT NULL DEFAULT 0,
    failed           bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (pipeline_id, minute)
);
