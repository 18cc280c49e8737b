-- the query side keeps its projections in a database of its own, apart from the event store
CREATE DATABASE insight_projections OWNER insight;
-- users, roles and API tokens: a database of its own, with its own backups (docs/identity.md)
CREATE DATABASE insight_identity OWNER insight;
-- the keys that seal personal data: a database of its own, never backed up with the events (docs/privacy.md)
CREATE DATABASE insight_keys OWNER insight;
