-- gensql 0.1.0: stamp heads (sqlite)
-- version table: gensql_version
-- expects: (no revision)
-- leaves: 0a1b2c3d4e5f
-- revisions, in order:
--   stamp base -> 0a1b2c3d4e5f

BEGIN;

CREATE TABLE IF NOT EXISTS gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);

SELECT json_extract('{}', 'gensql: stamp heads: the version table gensql_version must hold no revision, but holds ' || CASE actual WHEN '' THEN 'no revision' ELSE actual END)
FROM (SELECT coalesce(group_concat(version_num, ','), '') AS actual FROM (SELECT version_num FROM gensql_version ORDER BY version_num))
WHERE actual <> '';

-- Running stamp_revision  -> 0a1b2c3d4e5f

INSERT INTO gensql_version (version_num) VALUES ('0a1b2c3d4e5f');

COMMIT;
