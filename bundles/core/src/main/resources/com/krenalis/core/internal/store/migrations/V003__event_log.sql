-- The durable event log. One writer appends (group commit), so commit order is seq order and consumers can read
-- "seq > cursor" without missing rows. Partitioned by day of receipt: a consumed day is dropped, not deleted.
CREATE SEQUENCE event_log_seq AS bigint;

CREATE TABLE event_log (
    seq            bigint NOT NULL DEFAULT nextval('event_log_seq'),
    workspace_id   bigint NOT NULL,
    connection_id  bigint NOT NULL,
    message_id     text NOT NULL,
    received_at    timestamptz NOT NULL,
    -- The enriched event as JSON text: the log does not need PostgreSQL to parse it.
    event          text NOT NULL,
    PRIMARY KEY (received_at, seq)
) PARTITION BY RANGE (received_at);

CREATE INDEX event_log_seq_idx ON event_log (seq);

-- Every messageId a workspace has received, so that a retried or replayed event is acknowledged but not stored twice.
CREATE TABLE event_message_ids (
    workspace_id  bigint NOT NULL,
    message_id    text NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, message_id)
);
