-- gensql 0.1.0: downgrade head:base (sqlite)
-- version table: gensql_version
-- expects: 0a1b2c3d4e5f
-- leaves: (no revision)
-- revisions, in order:
--   down 0a1b2c3d4e5f  merge billing and cleanup
--   down e5f6a1b2c3d4  seed subscription tiers
--   down f6a1b2c3d4e5  drop mobile_number from user
--   down d4e5f6a1b2c3  create users and posts
--   down c3d4e5f6a1b2  create account table
--   down b2c3d4e5f6a1  add mobile_number to user
--   down a1b2c3d4e5f6  create user table

BEGIN;

SELECT json_extract('{}', 'gensql: downgrade head:base: the version table gensql_version must hold exactly 0a1b2c3d4e5f, but the database has no such table')
FROM (SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'gensql_version')
WHERE n = 0;

SELECT json_extract('{}', 'gensql: downgrade head:base: the version table gensql_version must hold exactly 0a1b2c3d4e5f, but holds ' || CASE actual WHEN '' THEN 'no revision' ELSE actual END)
FROM (SELECT coalesce(group_concat(version_num, ','), '') AS actual FROM (SELECT version_num FROM gensql_version ORDER BY version_num))
WHERE actual <> '0a1b2c3d4e5f';

-- Running downgrade 0a1b2c3d4e5f -> e5f6a1b2c3d4, f6a1b2c3d4e5
-- merge billing and cleanup

DROP INDEX ix_users_tier_id;

INSERT INTO gensql_version (version_num) VALUES ('e5f6a1b2c3d4');

UPDATE gensql_version SET version_num='f6a1b2c3d4e5' WHERE gensql_version.version_num = '0a1b2c3d4e5f';

-- Running downgrade e5f6a1b2c3d4 -> d4e5f6a1b2c3
-- seed subscription tiers

SELECT json_extract('{}', 'gensql: table users must be rebuilt (copied, dropped, renamed), but PRAGMA foreign_keys is ON and rows of posts reference it, so dropping it would fire their ON DELETE actions; apply this script with foreign keys off (the sqlite3 default, or PRAGMA foreign_keys=OFF before BEGIN)') FROM pragma_foreign_keys
WHERE foreign_keys = 1 AND (EXISTS (SELECT 1 FROM posts WHERE user_id IS NOT NULL));

CREATE TABLE _gensql_tmp_users (
    id INTEGER NOT NULL,
    email VARCHAR(120) NOT NULL,
    bio TEXT,
    is_active BOOLEAN DEFAULT 1 NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (email)
);

INSERT INTO _gensql_tmp_users (id, email, bio, is_active, created_at) SELECT users.id, users.email, users.bio, users.is_active, users.created_at
FROM users;

DROP TABLE users;

PRAGMA legacy_alter_table = ON;

ALTER TABLE _gensql_tmp_users RENAME TO users;

PRAGMA legacy_alter_table = OFF;

CREATE INDEX ix_users_created_at ON users (created_at);

DROP TABLE subscription_tiers;

DELETE FROM gensql_version WHERE gensql_version.version_num = 'e5f6a1b2c3d4';

-- Running downgrade f6a1b2c3d4e5 -> d4e5f6a1b2c3
-- drop mobile_number from user

ALTER TABLE user ADD COLUMN mobile_number VARCHAR(20);

UPDATE gensql_version SET version_num='d4e5f6a1b2c3' WHERE gensql_version.version_num = 'f6a1b2c3d4e5';

-- Running downgrade d4e5f6a1b2c3 -> c3d4e5f6a1b2
-- create users and posts

DROP INDEX ix_posts_user_id;

DROP TABLE posts;

DROP INDEX ix_users_created_at;

DROP TABLE users;

UPDATE gensql_version SET version_num='c3d4e5f6a1b2' WHERE gensql_version.version_num = 'd4e5f6a1b2c3';

-- Running downgrade c3d4e5f6a1b2 -> b2c3d4e5f6a1
-- create account table

DROP TABLE account;

UPDATE gensql_version SET version_num='b2c3d4e5f6a1' WHERE gensql_version.version_num = 'c3d4e5f6a1b2';

-- Running downgrade b2c3d4e5f6a1 -> a1b2c3d4e5f6
-- add mobile_number to user

ALTER TABLE user DROP COLUMN mobile_number;

UPDATE gensql_version SET version_num='a1b2c3d4e5f6' WHERE gensql_version.version_num = 'b2c3d4e5f6a1';

-- Running downgrade a1b2c3d4e5f6 -> 
-- create user table

DROP TABLE user;

DELETE FROM gensql_version WHERE gensql_version.version_num = 'a1b2c3d4e5f6';

COMMIT;
