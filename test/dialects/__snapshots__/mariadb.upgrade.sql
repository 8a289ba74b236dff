-- gensql 0.1.0: upgrade base:head (mariadb)
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

CREATE TABLE IF NOT EXISTS gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);

SET SESSION sql_buffer_result = (
    SELECT IF(
        CAST(COALESCE(GROUP_CONCAT(version_num ORDER BY CAST(version_num AS BINARY) SEPARATOR ','), '') AS BINARY) = CAST('' AS BINARY),
        IF(@@session.sql_buffer_result, 'ON', 'OFF'),
        CONCAT('gensql: upgrade base:head: the version table gensql_version must hold no revision, but holds ', COALESCE(GROUP_CONCAT(version_num ORDER BY CAST(version_num AS BINARY) SEPARATOR ','), 'no revision'))
    )
    FROM gensql_version
);

-- Running upgrade  -> a1b2c3d4e5f6
-- create user table

CREATE TABLE user (
    id INTEGER NOT NULL AUTO_INCREMENT,
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
    id INTEGER NOT NULL AUTO_INCREMENT,
    name VARCHAR(50) NOT NULL,
    description VARCHAR(200),
    PRIMARY KEY (id)
);

UPDATE gensql_version SET version_num='c3d4e5f6a1b2' WHERE gensql_version.version_num = 'b2c3d4e5f6a1';

-- Running upgrade c3d4e5f6a1b2 -> d4e5f6a1b2c3
-- create users and posts

CREATE TABLE users (
    id INTEGER NOT NULL AUTO_INCREMENT,
    email VARCHAR(120) NOT NULL,
    bio TEXT,
    is_active BOOL NOT NULL DEFAULT true,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE (email)
);

CREATE INDEX ix_users_created_at ON users (created_at);

CREATE TABLE posts (
    id INTEGER NOT NULL AUTO_INCREMENT,
    user_id INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    `body` TEXT,
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
    id INTEGER NOT NULL AUTO_INCREMENT,
    name VARCHAR(50) NOT NULL,
    monthly_price NUMERIC(10, 2) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name)
);

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (1, 'free', 0);

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (2, 'pro', 12.5);

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (3, 'owner''s plan', 99.99);

ALTER TABLE users ADD COLUMN tier_id INTEGER NOT NULL DEFAULT '1';

ALTER TABLE users ADD FOREIGN KEY(tier_id) REFERENCES subscription_tiers (id);

INSERT INTO gensql_version (version_num) VALUES ('e5f6a1b2c3d4');

-- Running upgrade e5f6a1b2c3d4, f6a1b2c3d4e5 -> 0a1b2c3d4e5f
-- merge billing and cleanup

CREATE INDEX ix_users_tier_id ON users (tier_id);

DELETE FROM gensql_version WHERE gensql_version.version_num = 'e5f6a1b2c3d4';

UPDATE gensql_version SET version_num='0a1b2c3d4e5f' WHERE gensql_version.version_num = 'f6a1b2c3d4e5';
