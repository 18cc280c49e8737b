-- the query side keeps its projections in a database of its own, apart from the event store
CREATE DATABASE insight_projections OWNER insight;
