-- gensql 0.1.0: upgrade base:head (sqlite)
-- version table: gensql_version
-- expects: (no revision)
-- leaves: 0a1b2c3d4e5f
-- revisions, in order:
--   a1b2c3d4e5f6  create user table
--   b2c3d4e5f6a1  add mobile_number to user
--   c3d4e5f6a1b2  create account table
--   d4e5f6a1b2c3  create users and posts
--   f6a1b2c3d4e5  drop mobile_number from user
--   e5f6a1b2c3d4  seed subscription tiers
--   0a1b2c3d4e5f  merge billing and cleanup

BEGIN;

CREATE TABLE IF NOT EXISTS gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);

SELECT json_extract('{}', 'gensql: upgrade base:head: the version table gensql_version must hold no revision, but holds ' || CASE actual WHEN '' THEN 'no revision' ELSE actual END)
FROM (SELECT coalesce(group_concat(version_num, ','), '') AS actual FROM (SELECT version_num FROM gensql_version ORDER BY version_num))
WHERE actual <> '';

-- Running upgrade  -> a1b2c3d4e5f6
-- create user table

CREATE TABLE user (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    PRIMARY KEY (id)
);

INSERT INTO gensql_version (version_num) VALUES ('a1b2c3d4e5f6');

-- Running upgrade a1b2c3d4e5f6 -> b2c3d4e5f6a1
-- add mobile_number to user

ALTER TABLE user ADD COLUMN mobile_number VARCHAR(20);

UPDATE gensql_version SET version_num='b2c3d4e5f6a1' WHERE gensql_version.version_num = 'a1b2c3d4e5f6';

-- Running upgrade b2c3d4e5f6a1 -> c3d4e5f6a1b2
-- create account table

CREATE TABLE account (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    description VARCHAR(200),
    PRIMARY KEY (id)
);

UPDATE gensql_version SET version_num='c3d4e5f6a1b2' WHERE gensql_version.version_num = 'b2c3d4e5f6a1';

-- Running upgrade c3d4e5f6a1b2 -> d4e5f6a1b2c3
-- create users and posts

CREATE TABLE users (
    id INTEGER NOT NULL,
    email VARCHAR(120) NOT NULL,
    bio TEXT,
    is_active BOOLEAN DEFAULT 1 NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (email)
);

CREATE INDEX ix_users_created_at ON users (created_at);

CREATE TABLE posts (
    id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_posts_user_id ON posts (user_id);

UPDATE gensql_version SET version_num='d4e5f6a1b2c3' WHERE gensql_version.version_num = 'c3d4e5f6a1b2';

-- Running upgrade d4e5f6a1b2c3 -> f6a1b2c3d4e5
-- drop mobile_number from user

ALTER TABLE user DROP COLUMN mobile_number;

UPDATE gensql_version SET version_num='f6a1b2c3d4e5' WHERE gensql_version.version_num = 'd4e5f6a1b2c3';

-- Running upgrade d4e5f6a1b2c3 -> e5f6a1b2c3d4
-- seed subscription tiers

CREATE TABLE subscription_tiers (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    monthly_price NUMERIC(10, 2) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name)
);

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (1, 'free', 0);

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (2, 'pro', 12.5);

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (3, 'owner''s plan', 99.99);

SELECT json_extract('{}', 'gensql: table users must be rebuilt (copied, dropped, renamed), but PRAGMA foreign_keys is ON and rows of posts reference it, so dropping it would fire their ON DELETE actions; apply this script with foreign keys off (the sqlite3 default, or PRAGMA foreign_keys=OFF before BEGIN)') FROM pragma_foreign_keys
WHERE foreign_keys = 1 AND (EXISTS (SELECT 1 FROM posts WHERE user_id IS NOT NULL));

CREATE TABLE _gensql_tmp_users (
    id INTEGER NOT NULL,
    email VARCHAR(120) NOT NULL,
    bio TEXT,
    is_active BOOLEAN DEFAULT 1 NOT NULL,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
    tier_id INTEGER DEFAULT '1' NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (email),
    FOREIGN KEY(tier_id) REFERENCES subscription_tiers (id)
);

INSERT INTO _gensql_tmp_users (id, email, bio, is_active, created_at) SELECT users.id, users.email, users.bio, users.is_active, users.created_at
FROM users;

DROP TABLE users;

PRAGMA legacy_alter_table = ON;

ALTER TABLE _gensql_tmp_users RENAME TO users;

PRAGMA legacy_alter_table = OFF;

CREATE INDEX ix_users_created_at ON users (created_at);

INSERT INTO gensql_version (version_num) VALUES ('e5f6a1b2c3d4');

-- Running upgrade e5f6a1b2c3d4, f6a1b2c3d4e5 -> 0a1b2c3d4e5f
-- merge billing and cleanup

CREATE INDEX ix_users_tier_id ON users (tier_id);

DELETE FROM gensql_version WHERE gensql_version.version_num = 'e5f6a1b2c3d4';

UPDATE gensql_version SET version_num='0a1b2c3d4e5f' WHERE gensql_version.version_num = 'f6a1b2c3d4e5';

COMMIT;
