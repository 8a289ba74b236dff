/**
 * SQL Server: the exact SQL of every golden case (reviewed against
 * Alembic 1.8.1 / HEAD output for the same ops — op-cases.md, op-matrix.md
 * and renders of the installed Alembic — then frozen). There is no SQL
 * Server engine here: test/dialects/mssql.test.ts parses these statements
 * with node-sql-parser's transactsql grammar where it can.
 *
 * Each statement is followed by `;` here (the golden table's separator); the
 * script writes `;` and a `GO` line after each.
 *
 * Deliberate differences from Alembic, all cases:
 * - no trailing space after the commas of CREATE TABLE (as on every dialect);
 * - Text is VARCHAR(max) (SQL Server 2016+, SQLAlchemy's deprecate_large_types), not TEXT;
 * - default-constraint lookups: QUOTENAME, nvarchar(258), the table quoted inside
 *   object_id() and the dropped statement, names as N'' strings.
 */
import type { CaseName, Expected, VersionCaseName } from '../cases.js';

export const cases: Record<CaseName, Expected> = {
  "createTable: basic": `CREATE TABLE account (
    id INTEGER NOT NULL IDENTITY,
    name VARCHAR(50) NOT NULL,
    description NVARCHAR(200) NULL,
    PRIMARY KEY (id)
);`,
  "createTable: server defaults": `CREATE TABLE defaults (
    a VARCHAR(10) NULL DEFAULT 'x',
    b INTEGER NULL DEFAULT 0,
    c NUMERIC(10, 2) NULL DEFAULT 0.00,
    d DATETIME NULL DEFAULT CURRENT_TIMESTAMP,
    e VARCHAR(10) NULL DEFAULT 'it''s',
    f BIT NOT NULL DEFAULT 1
);`,
  "createTable: quoted identifiers": `CREATE TABLE [Order] (
    id INTEGER NOT NULL IDENTITY,
    [select] VARCHAR(10) NULL,
    [userId] INTEGER NULL,
    lower_ok INTEGER NULL,
    PRIMARY KEY (id)
);`,
  "createTable: named constraints, FK actions, index": `CREATE TABLE child (
    id INTEGER NOT NULL IDENTITY,
    parent_id INTEGER NOT NULL,
    code VARCHAR(10) NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE,
    CONSTRAINT uq_child_code UNIQUE (code),
    CONSTRAINT ck_child_id CHECK (id > 0)
);
CREATE INDEX ix_child_parent ON child (parent_id);`,
  "createTable: composite primary key and unnamed constraints": `CREATE TABLE membership (
    parent_id INTEGER NOT NULL,
    slot INTEGER NOT NULL,
    label VARCHAR(20) NULL,
    weight INTEGER NULL CHECK (weight >= 0),
    PRIMARY KEY (parent_id, slot),
    FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE,
    UNIQUE (label)
);`,
  "createTable: column index and unique index": `CREATE TABLE tags (
    id INTEGER NOT NULL IDENTITY,
    slug VARCHAR(40) NULL,
    kind VARCHAR(20) NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_tags_slug ON tags (slug);
CREATE INDEX ix_tags_kind ON tags (kind);`,
  // Alembic (SQLAlchemy 1.4) drops table and column comments on SQL Server; they are MS_Description
  // extended properties, in schema dbo when the table has none.
  "createTable: comments": `CREATE TABLE notes (
    id INTEGER NOT NULL IDENTITY,
    body VARCHAR(max) NULL,
    PRIMARY KEY (id)
);
EXEC sp_addextendedproperty 'MS_Description', N'user notes', 'SCHEMA', N'dbo', 'TABLE', N'notes';
EXEC sp_addextendedproperty 'MS_Description', N'the note''s text', 'SCHEMA', N'dbo', 'TABLE', N'notes', 'COLUMN', N'body';`,
  "createTable: identity column": `CREATE TABLE ledger (
    id INTEGER NOT NULL IDENTITY(10,5),
    amount NUMERIC(12, 2) NOT NULL,
    PRIMARY KEY (id)
);`,
  "createTable: bigint autoincrement key": `CREATE TABLE events (
    id BIGINT NOT NULL IDENTITY,
    payload NVARCHAR(max) NULL,
    PRIMARY KEY (id)
);`,
  "createTable: integer key without autoincrement": `CREATE TABLE codes (
    id INTEGER NOT NULL,
    label VARCHAR(20) NULL,
    PRIMARY KEY (id)
);`,
  "createTable: enum column": `CREATE TABLE orders (
    id INTEGER NOT NULL IDENTITY,
    status VARCHAR(7) NOT NULL DEFAULT 'new',
    PRIMARY KEY (id)
);`,
  "createTable: generic types": `CREATE TABLE types (
    i INTEGER NULL,
    bi BIGINT NULL,
    si SMALLINT NULL,
    b BIT NULL,
    s VARCHAR(20) NULL,
    tx VARCHAR(max) NULL,
    u NVARCHAR(30) NULL,
    ut NVARCHAR(max) NULL,
    d DATE NULL,
    dt DATETIME NULL,
    dtz DATETIMEOFFSET NULL,
    tm TIME NULL,
    n NUMERIC(10, 2) NULL,
    f FLOAT NULL,
    lb VARBINARY(max) NULL,
    j NVARCHAR(max) NULL,
    id UNIQUEIDENTIFIER NULL
);`,
  // Alembic HEAD writes CREATE TABLE IF NOT EXISTS, which T-SQL does not have.
  "createTable: ifNotExists": `IF OBJECT_ID(N'maybe', N'U') IS NULL
CREATE TABLE maybe (
    id INTEGER NOT NULL IDENTITY,
    PRIMARY KEY (id)
);`,
  "dropTable": `DROP TABLE parent;`,
  "dropTable: ifExists": `DROP TABLE IF EXISTS parent;`,
  // Alembic: EXEC sp_rename 'parent', guardian (the new name as a bare token); a string literal takes any name.
  "renameTable": `EXEC sp_rename N'parent', N'guardian';`,
  // WITH VALUES: existing rows get the default, as on every other dialect (Alembic: they stay NULL).
  "addColumn: nullable with default": `ALTER TABLE parent ADD nickname VARCHAR(30) NULL DEFAULT 'none' WITH VALUES;`,
  "addColumn: not null with default": `ALTER TABLE parent ADD rank INTEGER NOT NULL DEFAULT 1;`,
  "addColumn: with a foreign key": `ALTER TABLE child ADD other_parent_id INTEGER NULL;
ALTER TABLE child ADD FOREIGN KEY(other_parent_id) REFERENCES parent (id) ON DELETE SET NULL;`,
  "addColumn: with a comment": `ALTER TABLE parent ADD bio VARCHAR(max) NULL;
EXEC sp_addextendedproperty 'MS_Description', N'about me', 'SCHEMA', N'dbo', 'TABLE', N'parent', 'COLUMN', N'bio';`,
  "addColumn: unique and indexed": `ALTER TABLE parent ADD email VARCHAR(100) NULL;
ALTER TABLE parent ADD UNIQUE (email);
ALTER TABLE parent ADD city VARCHAR(40) NULL;
CREATE INDEX ix_parent_city ON parent (city);`,
  "dropColumn": `ALTER TABLE people DROP COLUMN age;`,
  "alterColumn: set not null": `ALTER TABLE people ALTER COLUMN nickname VARCHAR(30) NOT NULL;`,
  "alterColumn: drop not null": `ALTER TABLE people ALTER COLUMN score INTEGER NULL;`,
  // Nullability restated from the model (Alembic without existing_nullable: ALTER COLUMN c VARCHAR(60), i.e. NULL, #977).
  "alterColumn: type": `ALTER TABLE people ALTER COLUMN nickname VARCHAR(60) NULL;`,
  // The default constraint goes before the type change (Alembic 1.8.1 drops it after, which fails: #1744).
  "alterColumn: type with using": `declare @const_name nvarchar(258)
select @const_name = QUOTENAME([name]) from sys.default_constraints
where parent_object_id = object_id(N'people')
and col_name(parent_object_id, parent_column_id) = N'status'
exec(N'alter table people drop constraint ' + @const_name);
ALTER TABLE people ALTER COLUMN status INTEGER NOT NULL;`,
  // The model knows the old default: its constraint is dropped first (Alembic needs existing_server_default).
  "alterColumn: set default": `declare @const_name nvarchar(258)
select @const_name = QUOTENAME([name]) from sys.default_constraints
where parent_object_id = object_id(N'people')
and col_name(parent_object_id, parent_column_id) = N'score'
exec(N'alter table people drop constraint ' + @const_name);
ALTER TABLE people ADD DEFAULT 10 FOR score;`,
  "alterColumn: drop default": `declare @const_name nvarchar(258)
select @const_name = QUOTENAME([name]) from sys.default_constraints
where parent_object_id = object_id(N'people')
and col_name(parent_object_id, parent_column_id) = N'status'
exec(N'alter table people drop constraint ' + @const_name);`,
  "alterColumn: rename": `EXEC sp_rename N'people.note', N'remark', 'COLUMN';`,
  // Alembic 1.8.1: UnsupportedCompilationError; HEAD needs an explicit schema (#1755).
  "alterColumn: comment": `EXEC sp_addextendedproperty 'MS_Description', N'years', 'SCHEMA', N'dbo', 'TABLE', N'people', 'COLUMN', N'age';
EXEC sp_dropextendedproperty 'MS_Description', 'SCHEMA', N'dbo', 'TABLE', N'people', 'COLUMN', N'note';`,
  "alterColumn: everything at once": `ALTER TABLE people ALTER COLUMN nickname VARCHAR(40) NOT NULL;
ALTER TABLE people ADD DEFAULT 'anon' FOR nickname;
EXEC sp_rename N'people.nickname', N'handle', 'COLUMN';`,
  "createIndex": `CREATE INDEX ix_people_age ON people (age);
CREATE UNIQUE INDEX ux_people_nick_status ON people (nickname, status);`,
  // SQL Server indexes columns only (Alembic writes CREATE INDEX ... (lower(nickname)), invalid).
  "createIndex: expression": { error: /mssql cannot render createIndex\('ix_people_lower_nick', 'people'\): SQL Server / },
  "createIndex: partial": `CREATE INDEX ix_people_adults ON people (age) WHERE age >= 18;`,
  "dropIndex": `DROP INDEX ix_people_age ON people;`,
  "createPrimaryKey": `ALTER TABLE loose ADD CONSTRAINT pk_loose PRIMARY KEY (a, b);`,
  "createUniqueConstraint": `ALTER TABLE people ADD CONSTRAINT uq_people_nickname UNIQUE (nickname);`,
  // RESTRICT is NO ACTION on SQL Server (Alembic writes ON UPDATE RESTRICT, invalid T-SQL).
  "createForeignKey": `ALTER TABLE child ADD CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE NO ACTION;`,
  "createCheckConstraint": `ALTER TABLE people ADD CONSTRAINT ck_people_age CHECK (age >= 0);`,
  "dropConstraint: foreign key": `ALTER TABLE child DROP CONSTRAINT fk_child_parent;`,
  "dropConstraint: unique": `ALTER TABLE people DROP CONSTRAINT uq_people_nickname;`,
  "dropConstraint: check, type from the model": `ALTER TABLE people DROP CONSTRAINT ck_people_age;`,
  // Alembic (SQLAlchemy 1.4) writes COMMENT ON TABLE, which T-SQL does not have.
  "createTableComment": `EXEC sp_addextendedproperty 'MS_Description', N'parents'' table', 'SCHEMA', N'dbo', 'TABLE', N'parent';`,
  "dropTableComment": `EXEC sp_dropextendedproperty 'MS_Description', 'SCHEMA', N'dbo', 'TABLE', N'parent';`,
  "execute": `UPDATE parent SET name = upper(name);
DELETE FROM parent WHERE name = 'O''Brien' AND id > 3;`,
  // IDENTITY_INSERT because a row sets the identity column id (Alembic wraps every bulk insert);
  // JSON (NVARCHAR) strings are N''; a Date is ISO 8601 with T, unaffected by SET DATEFORMAT.
  "bulkInsert": `SET IDENTITY_INSERT samples ON;
INSERT INTO samples (id, s, b, n, big, at, j) VALUES (1, 'it''s', 1, 3.25, 9007199254740993, '2026-01-02T03:04:05.678', N'{"a":[1,"x"]}');
INSERT INTO samples (id, s, b, n, big, at, j) VALUES (2, 'back\\slash', 0, -0.5, NULL, NULL, NULL);
INSERT INTO samples (id, s) VALUES (3, NULL);
SET IDENTITY_INSERT samples OFF;`,
  "bulkInsert: multiInsert": `SET IDENTITY_INSERT parent ON;
INSERT INTO parent (id, name) VALUES
    (1, 'a'),
    (2, 'b');
SET IDENTITY_INSERT parent OFF;`,
  "createEnum and dropEnum": ``,
  // As SQLAlchemy; without start, START WITH 1 is written (SQL Server would start at the type's minimum).
  "createSequence and dropSequence": `CREATE SEQUENCE invoice_seq INCREMENT BY 10 START WITH 1000;
DROP SEQUENCE invoice_seq;`,
  "batchAlterTable": `ALTER TABLE people ADD email VARCHAR(100) NULL;
ALTER TABLE people ALTER COLUMN nickname VARCHAR(30) NOT NULL;
ALTER TABLE people DROP COLUMN age;`,
  "batchAlterTable: recreate always": { error: /mssql cannot render batchAlterTable\('people'\): recreate: 'always' rebuilds the/ },
};

export const versionCases: Record<VersionCaseName, Expected> = {
  // Alembic: a plain CREATE TABLE; T-SQL has no IF NOT EXISTS, and a database taken down to base keeps its table.
  "versionTableCreate": `IF OBJECT_ID(N'gensql_version', N'U') IS NULL
CREATE TABLE gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);`,
  // Alembic's INSERT adds OUTPUT inserted.version_num (a SQLAlchemy side effect).
  "versionInsert, versionUpdate, versionDelete": `INSERT INTO gensql_version (version_num) VALUES ('aaaa00000001');
UPDATE gensql_version SET version_num='bbbb00000002' WHERE gensql_version.version_num = 'aaaa00000001';
DELETE FROM gensql_version WHERE gensql_version.version_num = 'bbbb00000002';`,
  // RAISERROR then SET NOEXEC ON: an error ends only its own batch, the next GO batch would run (THROW would not stop it either).
  "versionGuard: from base": `-- on failure SET NOEXEC ON skips the rest of the script (SET NOEXEC OFF resets the session)
DECLARE @actual nvarchar(2000);
IF OBJECT_ID(N'gensql_version', N'U') IS NOT NULL
    SET @actual = STUFF((SELECT N',' + version_num FROM gensql_version ORDER BY version_num FOR XML PATH('')), 1, 1, N'');
IF @actual IS NOT NULL
BEGIN
    RAISERROR(N'gensql: upgrade base:head: the version table gensql_version must hold no revision, but holds %s', 16, 1, @actual);
    SET NOEXEC ON;
END;`,
  "versionGuard: at revisions": `-- on failure SET NOEXEC ON skips the rest of the script (SET NOEXEC OFF resets the session)
DECLARE @actual nvarchar(2000) = N'no version table';
IF OBJECT_ID(N'gensql_version', N'U') IS NOT NULL
    SET @actual = ISNULL(STUFF((SELECT N',' + version_num FROM gensql_version ORDER BY version_num FOR XML PATH('')), 1, 1, N''), N'no revision');
IF @actual <> N'aaaa00000001,bbbb00000002'
BEGIN
    RAISERROR(N'gensql: upgrade aaaa:head: the version table gensql_version must hold exactly aaaa00000001,bbbb00000002, but holds %s', 16, 1, @actual);
    SET NOEXEC ON;
END;`,
};

