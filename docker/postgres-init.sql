-- the query side keeps its projections in a database of its own, apart from the event store
CREATE DATABASE insight_projections OWNER insight;
-- users, roles and API tokens: a database of its own, with its own backups (docs/identity.md)
CREATE DATABASE insight_identity OWNER insight;
