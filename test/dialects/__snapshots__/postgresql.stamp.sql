-- gensql 0.1.0: stamp heads (postgresql)
-- version table: gensql_version
-- expects: (no revision)
-- leaves: 0a1b2c3d4e5f
-- revisions, in order:
--   stamp base -> 0a1b2c3d4e5f

BEGIN;

DO $gensql$
BEGIN
    IF to_regclass('gensql_version') IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM gensql_version) THEN
            RAISE EXCEPTION 'gensql: stamp heads: the version table gensql_version must hold no revision, but holds %', (SELECT coalesce(string_agg(version_num, ',' ORDER BY version_num), '') FROM gensql_version);
        END IF;
    END IF;
END
$gensql$;

CREATE TABLE IF NOT EXISTS gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);

-- Running stamp_revision  -> 0a1b2c3d4e5f

INSERT INTO gensql_version (version_num) VALUES ('0a1b2c3d4e5f');

COMMIT;
