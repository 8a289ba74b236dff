/**
 * MariaDB 10.5+: the exact SQL of every golden case, reviewed against
 * Alembic's mariadb output (reference/alembic/op-cases.md, op-matrix.md)
 * and frozen. golden.test.ts also executes each case on the real MariaDB
 * server. Where gensql differs from Alembic on purpose:
 * - alterColumn restates the whole column from the schema model (Alembic
 *   writes NULL and drops defaults and comments unless given existing_*);
 * - an identity step, an expression index or a partial index is refused,
 *   not written as SQL the server rejects or ignores.
 */
import type { CaseName, Expected, VersionCaseName } from '../cases.js';

export const cases: Record<CaseName, Expected> = {
  "createTable: basic": `CREATE TABLE account (
    id INTEGER NOT NULL AUTO_INCREMENT,
    name VARCHAR(50) NOT NULL,
    description VARCHAR(200),
    PRIMARY KEY (id)
);`,
  "createTable: server defaults": `CREATE TABLE defaults (
    a VARCHAR(10) DEFAULT 'x',
    b INTEGER DEFAULT 0,
    c NUMERIC(10, 2) DEFAULT 0.00,
    d DATETIME DEFAULT CURRENT_TIMESTAMP,
    e VARCHAR(10) DEFAULT 'it''s',
    f BOOL NOT NULL DEFAULT true
);`,
  "createTable: quoted identifiers": `CREATE TABLE \`Order\` (
    id INTEGER NOT NULL AUTO_INCREMENT,
    \`select\` VARCHAR(10),
    \`userId\` INTEGER,
    lower_ok INTEGER,
    PRIMARY KEY (id)
);`,
  // both servers reject a CHECK that reads an AUTO_INCREMENT column (id > 0); gensql says so up front
  "createTable: named constraints, FK actions, index": { error: /does not allow a CHECK on the AUTO_INCREMENT column child\.id/ },
  "createTable: composite primary key and unnamed constraints": `CREATE TABLE membership (
    parent_id INTEGER NOT NULL,
    slot INTEGER NOT NULL,
    label VARCHAR(20),
    weight INTEGER CHECK (weight >= 0),
    PRIMARY KEY (parent_id, slot),
    FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE,
    UNIQUE (label)
);`,
  "createTable: column index and unique index": `CREATE TABLE tags (
    id INTEGER NOT NULL AUTO_INCREMENT,
    slug VARCHAR(40),
    kind VARCHAR(20),
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_tags_slug ON tags (slug);
CREATE INDEX ix_tags_kind ON tags (kind);`,
  "createTable: comments": `CREATE TABLE notes (
    id INTEGER NOT NULL AUTO_INCREMENT,
    \`body\` TEXT COMMENT 'the note''s text',
    PRIMARY KEY (id)
)COMMENT='user notes';`,
  "createTable: identity column": { error: /no per-column AUTO_INCREMENT step \(identity increment 5\)/ },
  "createTable: bigint autoincrement key": `CREATE TABLE events (
    id BIGINT NOT NULL AUTO_INCREMENT,
    payload JSON,
    PRIMARY KEY (id)
);`,
  "createTable: integer key without autoincrement": `CREATE TABLE codes (
    id INTEGER NOT NULL,
    label VARCHAR(20),
    PRIMARY KEY (id)
);`,
  "createTable: enum column": `CREATE TABLE orders (
    id INTEGER NOT NULL AUTO_INCREMENT,
    status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',
    PRIMARY KEY (id)
);`,
  "createTable: generic types": `CREATE TABLE types (
    i INTEGER,
    bi BIGINT,
    si SMALLINT,
    b BOOL,
    s VARCHAR(20),
    tx TEXT,
    u VARCHAR(30),
    ut TEXT,
    d DATE,
    dt DATETIME,
    dtz DATETIME,
    tm TIME,
    n NUMERIC(10, 2),
    f FLOAT,
    lb BLOB,
    j JSON,
    id CHAR(32)
);`,
  "createTable: ifNotExists": `CREATE TABLE IF NOT EXISTS maybe (
    id INTEGER NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (id)
);`,
  "dropTable": `DROP TABLE parent;`,
  "dropTable: ifExists": `DROP TABLE IF EXISTS parent;`,
  "renameTable": `ALTER TABLE parent RENAME TO guardian;`,
  "addColumn: nullable with default": `ALTER TABLE parent ADD COLUMN nickname VARCHAR(30) DEFAULT 'none';`,
  "addColumn: not null with default": `ALTER TABLE parent ADD COLUMN rank INTEGER NOT NULL DEFAULT 1;`,
  "addColumn: with a foreign key": `ALTER TABLE child ADD COLUMN other_parent_id INTEGER;
ALTER TABLE child ADD FOREIGN KEY(other_parent_id) REFERENCES parent (id) ON DELETE SET NULL;`,
  "addColumn: with a comment": `ALTER TABLE parent ADD COLUMN bio TEXT COMMENT 'about me';`,
  "addColumn: unique and indexed": `ALTER TABLE parent ADD COLUMN email VARCHAR(100);
ALTER TABLE parent ADD UNIQUE (email);
ALTER TABLE parent ADD COLUMN city VARCHAR(40);
CREATE INDEX ix_parent_city ON parent (city);`,
  "dropColumn": `ALTER TABLE people DROP COLUMN age;`,
  "alterColumn: set not null": `ALTER TABLE people MODIFY nickname VARCHAR(30) NOT NULL;`,
  "alterColumn: drop not null": `ALTER TABLE people MODIFY score INTEGER NULL DEFAULT 0;`,
  "alterColumn: type": `ALTER TABLE people MODIFY nickname VARCHAR(60) NULL;`,
  "alterColumn: type with using": `ALTER TABLE people MODIFY status INTEGER NOT NULL;`,
  "alterColumn: set default": `ALTER TABLE people ALTER COLUMN score SET DEFAULT 10;`,
  "alterColumn: drop default": `ALTER TABLE people ALTER COLUMN status DROP DEFAULT;`,
  "alterColumn: rename": `ALTER TABLE people CHANGE note remark TEXT NULL COMMENT 'free text';`,
  "alterColumn: comment": `ALTER TABLE people MODIFY age INTEGER NULL COMMENT 'years';
ALTER TABLE people MODIFY note TEXT NULL;`,
  "alterColumn: everything at once": `ALTER TABLE people CHANGE nickname handle VARCHAR(40) NOT NULL DEFAULT 'anon';`,
  "createIndex": `CREATE INDEX ix_people_age ON people (age);
CREATE UNIQUE INDEX ux_people_nick_status ON people (nickname, status);`,
  "createIndex: expression": { error: /cannot index an expression; index a generated column instead/ },
  "createIndex: partial": { error: /has no partial indexes \(where\)/ },
  "dropIndex": `DROP INDEX ix_people_age ON people;`,
  "createPrimaryKey": `ALTER TABLE loose ADD CONSTRAINT pk_loose PRIMARY KEY (a, b);`,
  "createUniqueConstraint": `ALTER TABLE people ADD CONSTRAINT uq_people_nickname UNIQUE (nickname);`,
  "createForeignKey": `ALTER TABLE child ADD CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE RESTRICT;`,
  "createCheckConstraint": `ALTER TABLE people ADD CONSTRAINT ck_people_age CHECK (age >= 0);`,
  "dropConstraint: foreign key": `ALTER TABLE child DROP FOREIGN KEY fk_child_parent;`,
  "dropConstraint: unique": `ALTER TABLE people DROP INDEX uq_people_nickname;`,
  "dropConstraint: check, type from the model": `ALTER TABLE people DROP CONSTRAINT ck_people_age;`,
  "createTableComment": `ALTER TABLE parent COMMENT 'parents'' table';`,
  "dropTableComment": `ALTER TABLE parent COMMENT '';`,
  "execute": `UPDATE parent SET name = upper(name);
DELETE FROM parent WHERE name = 'O''Brien' AND id > 3;`,
  "bulkInsert": `INSERT INTO samples (id, s, b, n, big, at, j) VALUES (1, 'it''s', true, 3.25, 9007199254740993, '2026-01-02 03:04:05.678', '{"a":[1,"x"]}');
INSERT INTO samples (id, s, b, n, big, at, j) VALUES (2, 'back\\\\slash', false, -0.5, NULL, NULL, NULL);
INSERT INTO samples (id, s) VALUES (3, NULL);`,
  "bulkInsert: multiInsert": `INSERT INTO parent (id, name) VALUES
    (1, 'a'),
    (2, 'b');`,
  "createEnum and dropEnum": ``,
  "createSequence and dropSequence": `CREATE SEQUENCE invoice_seq INCREMENT BY 10 START WITH 1000;
DROP SEQUENCE invoice_seq;`,
  "batchAlterTable": `ALTER TABLE people ADD COLUMN email VARCHAR(100);
ALTER TABLE people MODIFY nickname VARCHAR(30) NOT NULL;
ALTER TABLE people DROP COLUMN age;`,
  "batchAlterTable: recreate always": { error: /recreate: 'always' would copy people into a new table/ },
};

export const versionCases: Record<VersionCaseName, Expected> = {
  "versionTableCreate": `CREATE TABLE IF NOT EXISTS gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);`,
  "versionInsert, versionUpdate, versionDelete": `INSERT INTO gensql_version (version_num) VALUES ('aaaa00000001');
UPDATE gensql_version SET version_num='bbbb00000002' WHERE gensql_version.version_num = 'aaaa00000001';
DELETE FROM gensql_version WHERE gensql_version.version_num = 'bbbb00000002';`,
  "versionGuard: from base": `SET SESSION sql_buffer_result = (
    SELECT IF(
        CAST(COALESCE(GROUP_CONCAT(version_num ORDER BY CAST(version_num AS BINARY) SEPARATOR ','), '') AS BINARY) = CAST('' AS BINARY),
        IF(@@session.sql_buffer_result, 'ON', 'OFF'),
        CONCAT('gensql: upgrade base:head: the version table gensql_version must hold no revision, but holds ', COALESCE(GROUP_CONCAT(version_num ORDER BY CAST(version_num AS BINARY) SEPARATOR ','), 'no revision'))
    )
    FROM gensql_version
);`,
  "versionGuard: at revisions": `SET SESSION sql_buffer_result = (
    SELECT IF(
        CAST(COALESCE(GROUP_CONCAT(version_num ORDER BY CAST(version_num AS BINARY) SEPARATOR ','), '') AS BINARY) = CAST('aaaa00000001,bbbb00000002' AS BINARY),
        IF(@@session.sql_buffer_result, 'ON', 'OFF'),
        CONCAT('gensql: upgrade aaaa:head: the version table gensql_version must hold exactly aaaa00000001,bbbb00000002, but holds ', COALESCE(GROUP_CONCAT(version_num ORDER BY CAST(version_num AS BINARY) SEPARATOR ','), 'no revision'))
    )
    FROM gensql_version
);`,
};
