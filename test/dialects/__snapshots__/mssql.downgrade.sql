-- gensql 0.1.0: downgrade head:base (mssql)
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

BEGIN TRANSACTION;

-- on failure SET NOEXEC ON skips the rest of the script (SET NOEXEC OFF resets the session)
DECLARE @actual nvarchar(2000) = N'no version table';
IF OBJECT_ID(N'gensql_version', N'U') IS NOT NULL
    SET @actual = ISNULL(STUFF((SELECT N',' + version_num FROM gensql_version ORDER BY version_num FOR XML PATH('')), 1, 1, N''), N'no revision');
IF @actual <> N'0a1b2c3d4e5f'
BEGIN
    RAISERROR(N'gensql: downgrade head:base: the version table gensql_version must hold exactly 0a1b2c3d4e5f, but holds %s', 16, 1, @actual);
    SET NOEXEC ON;
END;

GO

-- Running downgrade 0a1b2c3d4e5f -> e5f6a1b2c3d4, f6a1b2c3d4e5
-- merge billing and cleanup

DROP INDEX ix_users_tier_id ON users;

GO

INSERT INTO gensql_version (version_num) VALUES ('e5f6a1b2c3d4');

GO

UPDATE gensql_version SET version_num='f6a1b2c3d4e5' WHERE gensql_version.version_num = '0a1b2c3d4e5f';

GO

-- Running downgrade e5f6a1b2c3d4 -> d4e5f6a1b2c3
-- seed subscription tiers

declare @const_name nvarchar(258)
select @const_name = QUOTENAME([name]) from sys.default_constraints
where parent_object_id = object_id(N'users')
and col_name(parent_object_id, parent_column_id) = N'tier_id'
exec(N'alter table users drop constraint ' + @const_name);

GO

declare @const_name nvarchar(258)
select @const_name = QUOTENAME(fk.[name]) from
sys.foreign_keys fk join sys.foreign_key_columns fkc
on fk.object_id=fkc.constraint_object_id
where fkc.parent_object_id = object_id(N'users')
and col_name(fkc.parent_object_id, fkc.parent_column_id) = N'tier_id'
exec(N'alter table users drop constraint ' + @const_name);

GO

ALTER TABLE users DROP COLUMN tier_id;

GO

DROP TABLE subscription_tiers;

GO

DELETE FROM gensql_version WHERE gensql_version.version_num = 'e5f6a1b2c3d4';

GO

-- Running downgrade f6a1b2c3d4e5 -> d4e5f6a1b2c3
-- drop mobile_number from user

ALTER TABLE [user] ADD mobile_number VARCHAR(20) NULL;

GO

UPDATE gensql_version SET version_num='d4e5f6a1b2c3' WHERE gensql_version.version_num = 'f6a1b2c3d4e5';

GO

-- Running downgrade d4e5f6a1b2c3 -> c3d4e5f6a1b2
-- create users and posts

DROP INDEX ix_posts_user_id ON posts;

GO

DROP TABLE posts;

GO

DROP INDEX ix_users_created_at ON users;

GO

DROP TABLE users;

GO

UPDATE gensql_version SET version_num='c3d4e5f6a1b2' WHERE gensql_version.version_num = 'd4e5f6a1b2c3';

GO

-- Running downgrade c3d4e5f6a1b2 -> b2c3d4e5f6a1
-- create account table

DROP TABLE account;

GO

UPDATE gensql_version SET version_num='b2c3d4e5f6a1' WHERE gensql_version.version_num = 'c3d4e5f6a1b2';

GO

-- Running downgrade b2c3d4e5f6a1 -> a1b2c3d4e5f6
-- add mobile_number to user

ALTER TABLE [user] DROP COLUMN mobile_number;

GO

UPDATE gensql_version SET version_num='a1b2c3d4e5f6' WHERE gensql_version.version_num = 'b2c3d4e5f6a1';

GO

-- Running downgrade a1b2c3d4e5f6 -> 
-- create user table

DROP TABLE [user];

GO

DELETE FROM gensql_version WHERE gensql_version.version_num = 'a1b2c3d4e5f6';

GO

COMMIT;

GO
