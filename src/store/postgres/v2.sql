-- pendamping's PostgreSQL store, schema version 2: the keyed seals of journal rows.
--
-- A store opened with a keyring (`PgStore::with_keyring`) writes one seal per row, in the same
-- statement as the rows, and checks every row's seal when it reads them. A seal is not
-- secret: an HMAC-SHA-256 tag, made with the app's key, over the row's engagement, seq and
-- hash (see the crate's `protect` module). Rows written without a key have no seal.
--
-- Citus: distributed like journal_line and co-located with it:
--   SELECT create_distributed_table('journal_seal', 'engagement_id',
--                                   colocate_with => 'journal_line');

CREATE TABLE journal_seal (
    engagement_id text NOT NULL,
    seq bigint NOT NULL CHECK (seq >= 1),
    -- The key's name (the keyring says which secret it is) and the tag, 64 hex digits.
    key text NOT NULL,
    tag text NOT NULL,
    CONSTRAINT journal_seal_once PRIMARY KEY (engagement_id, seq)
);
