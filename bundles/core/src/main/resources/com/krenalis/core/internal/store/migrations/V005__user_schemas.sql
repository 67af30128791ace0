-- Each workspace's user schema: the typed properties of its identities and profiles, in the JSON form of
-- com.krenalis.api.types.TypeCodec (an object type). A workspace without a row has the default schema
-- (docs/identity-resolution.md, "User schema"); the first change stores version 1.
CREATE TABLE user_schemas (
    workspace_id  bigint PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    schema        jsonb NOT NULL,
    -- Raised by one with every stored change; a change is stored only over the version it was planned against.
    version       integer NOT NULL CHECK (version > 0),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
