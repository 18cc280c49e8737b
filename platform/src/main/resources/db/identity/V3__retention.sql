-- how long a workspace keeps the people its meetings named after the last meeting that named them (null: the
-- installation's default, insight.privacy.retention.months)
ALTER TABLE workspace ADD COLUMN retention_months INTEGER CHECK (retention_months > 0);
