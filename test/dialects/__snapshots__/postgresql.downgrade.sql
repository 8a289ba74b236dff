-- gensql 0.1.0: downgrade head:base (postgresql)
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

DO $gensql$
BEGIN
    IF to_regclass('gensql_version') IS NULL THEN
        RAISE EXCEPTION 'gensql: downgrade head:base: the version table gensql_version must hold exactly 0a1b2c3d4e5f, but holds %', 'no version table';
    END IF;
    IF (SELECT coalesce(string_agg(version_num, ',' ORDER BY version_num), '') FROM gensql_version) <> '0a1b2c3d4e5f' THEN
        RAISE EXCEPTION 'gensql: downgrade head:base: the version table gensql_version must hold exactly 0a1b2c3d4e5f, but holds %', (SELECT coalesce(string_agg(version_num, ',' ORDER BY version_num), '') FROM gensql_version);
    END IF;
END
$gensql$;

-- Running downgrade 0a1b2c3d4e5f -> e5f6a1b2c3d4, f6a1b2c3d4e5
-- merge billing and cleanup

DROP INDEX ix_users_tier_id;

INSERT INTO gensql_version (version_num) VALUES ('e5f6a1b2c3d4');

UPDATE gensql_version SET version_num='f6a1b2c3d4e5' WHERE gensql_version.version_num = '0a1b2c3d4e5f';

-- Running downgrade e5f6a1b2c3d4 -> d4e5f6a1b2c3
-- seed subscription tiers

ALTER TABLE users DROP COLUMN tier_id;

DROP TABLE subscription_tiers;

DELETE FROM gensql_version WHERE gensql_version.version_num = 'e5f6a1b2c3d4';

-- Running downgrade f6a1b2c3d4e5 -> d4e5f6a1b2c3
-- drop mobile_number from user

ALTER TABLE "user" ADD COLUMN mobile_number VARCHAR(20);

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

ALTER TABLE "user" DROP COLUMN mobile_number;

UPDATE gensql_version SET version_num='a1b2c3d4e5f6' WHERE gensql_version.version_num = 'b2c3d4e5f6a1';

-- Running downgrade a1b2c3d4e5f6 -> 
-- create user table

DROP TABLE "user";

DELETE FROM gensql_version WHERE gensql_version.version_num = 'a1b2c3d4e5f6';

COMMIT;
