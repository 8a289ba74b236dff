-- gensql 0.1.0: upgrade base:head (mssql)
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

BEGIN TRANSACTION;

-- on failure SET NOEXEC ON skips the rest of the script (SET NOEXEC OFF resets the session)
DECLARE @actual nvarchar(2000);
IF OBJECT_ID(N'gensql_version', N'U') IS NOT NULL
    SET @actual = STUFF((SELECT N',' + version_num FROM gensql_version ORDER BY version_num FOR XML PATH('')), 1, 1, N'');
IF @actual IS NOT NULL
BEGIN
    RAISERROR(N'gensql: upgrade base:head: the version table gensql_version must hold no revision, but holds %s', 16, 1, @actual);
    SET NOEXEC ON;
END;

GO

IF OBJECT_ID(N'gensql_version', N'U') IS NULL
CREATE TABLE gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);

GO

-- Running upgrade  -> a1b2c3d4e5f6
-- create user table

CREATE TABLE [user] (
    id INTEGER NOT NULL IDENTITY,
    name VARCHAR(50) NOT NULL,
    PRIMARY KEY (id)
);

GO

INSERT INTO gensql_version (version_num) VALUES ('a1b2c3d4e5f6');

GO

-- Running upgrade a1b2c3d4e5f6 -> b2c3d4e5f6a1
-- add mobile_number to user

ALTER TABLE [user] ADD mobile_number VARCHAR(20) NULL;

GO

UPDATE gensql_version SET version_num='b2c3d4e5f6a1' WHERE gensql_version.version_num = 'a1b2c3d4e5f6';

GO

-- Running upgrade b2c3d4e5f6a1 -> c3d4e5f6a1b2
-- create account table

CREATE TABLE account (
    id INTEGER NOT NULL IDENTITY,
    name VARCHAR(50) NOT NULL,
    description NVARCHAR(200) NULL,
    PRIMARY KEY (id)
);

GO

UPDATE gensql_version SET version_num='c3d4e5f6a1b2' WHERE gensql_version.version_num = 'b2c3d4e5f6a1';

GO

-- Running upgrade c3d4e5f6a1b2 -> d4e5f6a1b2c3
-- create users and posts

CREATE TABLE users (
    id INTEGER NOT NULL IDENTITY,
    email VARCHAR(120) NOT NULL,
    bio VARCHAR(max) NULL,
    is_active BIT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE (email)
);

GO

CREATE INDEX ix_users_created_at ON users (created_at);

GO

CREATE TABLE posts (
    id INTEGER NOT NULL IDENTITY,
    user_id INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    body VARCHAR(max) NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

GO

CREATE INDEX ix_posts_user_id ON posts (user_id);

GO

UPDATE gensql_version SET version_num='d4e5f6a1b2c3' WHERE gensql_version.version_num = 'c3d4e5f6a1b2';

GO

-- Running upgrade d4e5f6a1b2c3 -> f6a1b2c3d4e5
-- drop mobile_number from user

ALTER TABLE [user] DROP COLUMN mobile_number;

GO

UPDATE gensql_version SET version_num='f6a1b2c3d4e5' WHERE gensql_version.version_num = 'd4e5f6a1b2c3';

GO

-- Running upgrade d4e5f6a1b2c3 -> e5f6a1b2c3d4
-- seed subscription tiers

CREATE TABLE subscription_tiers (
    id INTEGER NOT NULL IDENTITY,
    name VARCHAR(50) NOT NULL,
    monthly_price NUMERIC(10, 2) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name)
);

GO

SET IDENTITY_INSERT subscription_tiers ON;

GO

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (1, 'free', 0);

GO

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (2, 'pro', 12.5);

GO

INSERT INTO subscription_tiers (id, name, monthly_price) VALUES (3, 'owner''s plan', 99.99);

GO

SET IDENTITY_INSERT subscription_tiers OFF;

GO

ALTER TABLE users ADD tier_id INTEGER NOT NULL DEFAULT '1';

GO

ALTER TABLE users ADD FOREIGN KEY(tier_id) REFERENCES subscription_tiers (id);

GO

INSERT INTO gensql_version (version_num) VALUES ('e5f6a1b2c3d4');

GO

-- Running upgrade e5f6a1b2c3d4, f6a1b2c3d4e5 -> 0a1b2c3d4e5f
-- merge billing and cleanup

CREATE INDEX ix_users_tier_id ON users (tier_id);

GO

DELETE FROM gensql_version WHERE gensql_version.version_num = 'e5f6a1b2c3d4';

GO

UPDATE gensql_version SET version_num='0a1b2c3d4e5f' WHERE gensql_version.version_num = 'f6a1b2c3d4e5';

GO

COMMIT;

GO
