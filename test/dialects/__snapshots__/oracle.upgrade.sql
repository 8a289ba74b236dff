-- gensql 0.1.0: upgrade base:head (oracle)
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

DECLARE
    -- run with WHENEVER SQLERROR EXIT FAILURE (SQL*Plus, SQLcl) so that a failure here stops the script
    actual VARCHAR2(4000);
BEGIN
    BEGIN
        EXECUTE IMMEDIATE 'SELECT LISTAGG(version_num, '','') WITHIN GROUP (ORDER BY version_num) FROM gensql_version' INTO actual;
    EXCEPTION
        WHEN OTHERS THEN
            IF SQLCODE != -942 THEN
                RAISE;
            END IF;
    END;
    IF actual IS NOT NULL THEN
        RAISE_APPLICATION_ERROR(-20000, 'gensql: upgrade base:head: the version table gensql_version must hold no revision, but holds ' || NVL(actual, 'no revision'));
    END IF;
END;

/

BEGIN
    EXECUTE IMMEDIATE 'CREATE TABLE gensql_version (
    version_num VARCHAR2(32 CHAR) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
)';
EXCEPTION
    WHEN OTHERS THEN
        IF SQLCODE != -955 THEN
            RAISE;
        END IF;
END;

/

-- Running upgrade  -> a1b2c3d4e5f6
-- create user table

CREATE TABLE "user" (
    id INTEGER NOT NULL,
    name VARCHAR2(50 CHAR) NOT NULL,
    PRIMARY KEY (id)
)

/

INSERT INTO gensql_version (version_num) VALUES ('a1b2c3d4e5f6')

/

COMMIT

/

-- Running upgrade a1b2c3d4e5f6 -> b2c3d4e5f6a1
-- add mobile_number to user

ALTER TABLE "user" ADD mobile_number VARCHAR2(20 CHAR)

/

UPDATE gensql_version SET version_num='b2c3d4e5f6a1' WHERE gensql_version.version_num = 'a1b2c3d4e5f6'

/

COMMIT

/

-- Running upgrade b2c3d4e5f6a1 -> c3d4e5f6a1b2
-- create account table

CREATE TABLE account (
    id INTEGER NOT NULL,
    name VARCHAR2(50 CHAR) NOT NULL,
    description VARCHAR2(200 CHAR),
    PRIMARY KEY (id)
)

/

UPDATE gensql_version SET version_num='c3d4e5f6a1b2' WHERE gensql_version.version_num = 'b2c3d4e5f6a1'

/

COMMIT

/

-- Running upgrade c3d4e5f6a1b2 -> d4e5f6a1b2c3
-- create users and posts

CREATE TABLE users (
    id INTEGER NOT NULL,
    email VARCHAR2(120 CHAR) NOT NULL,
    bio CLOB,
    is_active SMALLINT DEFAULT 1 NOT NULL,
    created_at DATE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (email)
)

/

CREATE INDEX ix_users_created_at ON users (created_at)

/

CREATE TABLE posts (
    id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    title VARCHAR2(200 CHAR) NOT NULL,
    body CLOB,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
)

/

CREATE INDEX ix_posts_user_id ON posts (user_id)

/

UPDATE gensql_version SET version_num='d4e5f6a1b2c3' WHERE gensql_version.version_num = 'c3d4e5f6a1b2'

/

COMMIT

/

-- Running upgrade d4e5f6a1b2c3 -> f6a1b2c3d4e5
-- drop mobile_number from user

ALTER TABLE "user" DROP COLUMN mobile_number

/

UPDATE gensql_version SET version_num='f6a1b2c3d4e5' WHERE gensql_version.version_num = 'd4e5f6a1b2c3'

/

COMMIT

/

-- Running upgrade d4e5f6a1b2c3 -> e5f6a1b2c3d4
-- seed subscription tiers

CREATE TABLE subscription_tiers (
    id INTEGER NOT NULL,
    name VARCHAR2(50 CHAR) NOT NULL,
    monthly_price NUMERIC(10, 2) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name)
)

/

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (1, 'free', 0)

/

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (2, 'pro', 12.5)

/

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (3, 'owner''s plan', 99.99)

/

ALTER TABLE users ADD tier_id INTEGER DEFAULT '1' NOT NULL

/

ALTER TABLE users ADD FOREIGN KEY(tier_id) REFERENCES subscription_tiers (id)

/

INSERT INTO gensql_version (version_num) VALUES ('e5f6a1b2c3d4')

/

COMMIT

/

-- Running upgrade e5f6a1b2c3d4, f6a1b2c3d4e5 -> 0a1b2c3d4e5f
-- merge billing and cleanup

CREATE INDEX ix_users_tier_id ON users (tier_id)

/

DELETE FROM gensql_version WHERE gensql_version.version_num = 'e5f6a1b2c3d4'

/

COMMIT

/

UPDATE gensql_version SET version_num='0a1b2c3d4e5f' WHERE gensql_version.version_num = 'f6a1b2c3d4e5'

/

COMMIT

/
