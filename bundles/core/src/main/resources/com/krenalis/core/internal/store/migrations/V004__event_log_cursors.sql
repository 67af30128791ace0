-- How far each consumer of the event log (the warehouse loader, later the identity writer and destinations) has read
-- each workspace's events: every event with seq <= seq is done. Per workspace, so that a workspace whose warehouse
-- fails holds back only itself. Advanced only after the consumer's own commit: a crash in between replays a batch,
-- which the consumer must absorb (the loader inserts only messageIds not yet in the warehouse).
CREATE TABLE event_log_cursors (
    consumer        text NOT NULL,
    workspace_id    bigint NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    seq             bigint NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- Set while the consumer fails for this workspace (it retries with backoff), cleared when it succeeds again.
    failing_since   timestamptz,
    last_error      text,
    PRIMARY KEY (consumer, workspace_id)
);

-- Consumers read one workspace's events in seq order: WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?
CREATE INDEX event_log_workspace_seq_idx ON event_log (workspace_id, seq);
