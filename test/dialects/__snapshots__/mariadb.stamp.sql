-- gensql 0.1.0: stamp heads (mariadb)
-- version table: gensql_version
-- expects: (no revision)
-- leaves: 0a1b2c3d4e5f
-- revisions, in order:
--   stamp base -> 0a1b2c3d4e5f

CREATE TABLE IF NOT EXISTS gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);

SET SESSION sql_buffer_result = (
    SELECT IF(
        CAST(COALESCE(GROUP_CONCAT(version_num ORDER BY CAST(version_num AS BINARY) SEPARATOR ','), '') AS BINARY) = CAST('' AS BINARY),
        IF(@@session.sql_buffer_result, 'ON', 'OFF'),
        CONCAT('gensql: stamp heads: the version table gensql_version must hold no revision, but holds ', COALESCE(GROUP_CONCAT(version_num ORDER BY CAST(version_num AS BINARY) SEPARATOR ','), 'no revision'))
    )
    FROM gensql_version
);

-- Running stamp_revision  -> 0a1b2c3d4e5f

INSERT INTO gensql_version (version_num) VALUES ('0a1b2c3d4e5f');
