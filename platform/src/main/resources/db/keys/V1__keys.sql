-- One data key per person and per meeting, wrapped (AES-GCM) by the master key from configuration. Erasing a key
-- deletes its material and keeps the row, so that the key is never made again under the same id.
CREATE TABLE data_key (
    key_id     VARCHAR(100) NOT NULL PRIMARY KEY,
    wrapped    BYTEA,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    erased_at  TIMESTAMPTZ,
    CHECK ((wrapped IS NULL) = (erased_at IS NOT NULL))
);
