-- The dedup key of an event becomes a 16-byte hash of its workspace and messageId (MessageKeys): one memcmp per
-- comparison where the text key compared under the database's collation, and an index a fraction of the size. The
-- collector's dedup insert took as long as its COPY (bench/ingest, docs/performance.md).
-- key = the first 16 bytes of SHA-256 over '<workspace_id>:<message_id>' in UTF-8, as a uuid; the messageIds
-- received before keep deduplicating: their keys are computed here the same way.
CREATE TABLE event_message_keys (
    key           uuid NOT NULL PRIMARY KEY,
    received_at   timestamptz NOT NULL DEFAULT now()
);

INSERT INTO event_message_keys (key, received_at)
SELECT encode(substring(sha256(convert_to(workspace_id::text || ':' || message_id, 'UTF8')) FROM 1 FOR 16), 'hex')::uuid,
       max(received_at)
FROM event_message_ids
GROUP BY 1;

DROP TABLE event_message_ids;
