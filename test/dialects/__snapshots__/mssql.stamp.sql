-- gensql 0.1.0: stamp base:head (mssql)
-- version table: gensql_version
-- expects: (no revision)
-- leaves: 0a1b2c3d4e5f
-- revisions, in order:
--   stamp base -> 0a1b2c3d4e5f

BEGIN TRANSACTION;

-- on failure SET NOEXEC ON skips the rest of the script (SET NOEXEC OFF resets the session)
DECLARE @actual nvarchar(2000);
IF OBJECT_ID(N'gensql_version', N'U') IS NOT NULL
    SET @actual = STUFF((SELECT N',' + version_num FROM gensql_version ORDER BY version_num FOR XML PATH('')), 1, 1, N'');
IF @actual IS NOT NULL
BEGIN
    RAISERROR(N'gensql: stamp base:head: the version table gensql_version must hold no revision, but holds %s', 16, 1, @actual);
    SET NOEXEC ON;
END;

GO

IF OBJECT_ID(N'gensql_version', N'U') IS NULL
CREATE TABLE gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);

GO

-- Running stamp_revision  -> 0a1b2c3d4e5f

INSERT INTO gensql_version (version_num) VALUES ('0a1b2c3d4e5f');

GO

COMMIT;

GO
