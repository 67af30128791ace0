-- What a batch pipeline reads (a database query and its columns; a file's path, format and columns), and how many
-- identities a full run removed because the source no longer has them.
ALTER TABLE pipelines ADD COLUMN source jsonb NOT NULL DEFAULT '{}';
ALTER TABLE pipeline_runs ADD COLUMN removed bigint NOT NULL DEFAULT 0;
