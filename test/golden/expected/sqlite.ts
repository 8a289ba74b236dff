/**
 * SQLite: the exact SQL of every golden case (reviewed, then frozen). Each
 * case is also executed with the sqlite3 shell (-bail). What SQLite's ALTER
 * TABLE lacks is a rebuild from the schema model: create _gensql_tmp_<t>,
 * copy, drop, rename (in legacy mode, so views and triggers stay valid),
 * re-index.
 */
import type { CaseName, Expected, VersionCaseName } from '../cases.js';

export const cases: Record<CaseName, Expected> = {
  "createTable: basic": `CREATE TABLE account (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    description VARCHAR(200),
    PRIMARY KEY (id)
);`,
  "createTable: server defaults": `CREATE TABLE defaults (
    a VARCHAR(10) DEFAULT 'x',
    b INTEGER DEFAULT 0,
    c NUMERIC(10, 2) DEFAULT 0.00,
    d DATETIME DEFAULT (CURRENT_TIMESTAMP),
    e VARCHAR(10) DEFAULT 'it''s',
    f BOOLEAN DEFAULT 1 NOT NULL
);`,
  "createTable: quoted identifiers": `CREATE TABLE "Order" (
    id INTEGER NOT NULL,
    "select" VARCHAR(10),
    "userId" INTEGER,
    lower_ok INTEGER,
    PRIMARY KEY (id)
);`,
  "createTable: named constraints, FK actions, index": `CREATE TABLE child (
    id INTEGER NOT NULL,
    parent_id INTEGER NOT NULL,
    code VARCHAR(10),
    PRIMARY KEY (id),
    CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE,
    CONSTRAINT uq_child_code UNIQUE (code),
    CONSTRAINT ck_child_id CHECK (id > 0)
);
CREATE INDEX ix_child_parent ON child (parent_id);`,
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
    id INTEGER NOT NULL,
    slug VARCHAR(40),
    kind VARCHAR(20),
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_tags_slug ON tags (slug);
CREATE INDEX ix_tags_kind ON tags (kind);`,
  "createTable: comments": `CREATE TABLE notes (
    id INTEGER NOT NULL,
    body TEXT,
    PRIMARY KEY (id)
);`,
  "createTable: identity column": `CREATE TABLE ledger (
    id INTEGER NOT NULL,
    amount NUMERIC(12, 2) NOT NULL,
    PRIMARY KEY (id)
);`,
  "createTable: bigint autoincrement key": `CREATE TABLE events (
    id BIGINT NOT NULL,
    payload JSON,
    PRIMARY KEY (id)
);`,
  "createTable: integer key without autoincrement": `CREATE TABLE codes (
    id INTEGER NOT NULL,
    label VARCHAR(20),
    PRIMARY KEY (id)
);`,
  "createTable: enum column": `CREATE TABLE orders (
    id INTEGER NOT NULL,
    status VARCHAR(7) DEFAULT 'new' NOT NULL,
    PRIMARY KEY (id)
);`,
  "createTable: generic types": `CREATE TABLE types (
    i INTEGER,
    bi BIGINT,
    si SMALLINT,
    b BOOLEAN,
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
    id INTEGER NOT NULL,
    PRIMARY KEY (id)
);`,
  "dropTable": `DROP TABLE parent;`,
  "dropTable: ifExists": `DROP TABLE IF EXISTS parent;`,
  "renameTable": `ALTER TABLE parent RENAME TO guardian;`,
  "addColumn: nullable with default": `ALTER TABLE parent ADD COLUMN nickname VARCHAR(30) DEFAULT 'none';`,
  "addColumn: not null with default": `ALTER TABLE parent ADD COLUMN rank INTEGER DEFAULT 1 NOT NULL;`,
  "addColumn: with a foreign key": `ALTER TABLE child ADD COLUMN other_parent_id INTEGER REFERENCES parent (id) ON DELETE SET NULL;`,
  "addColumn: with a comment": `ALTER TABLE parent ADD COLUMN bio TEXT;`,
  "addColumn: unique and indexed": `CREATE TABLE _gensql_tmp_parent (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    email VARCHAR(100),
    PRIMARY KEY (id),
    UNIQUE (email)
);
INSERT INTO _gensql_tmp_parent (id, name) SELECT parent.id, parent.name
FROM parent;
DROP TABLE parent;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_parent RENAME TO parent;
PRAGMA legacy_alter_table = OFF;
ALTER TABLE parent ADD COLUMN city VARCHAR(40);
CREATE INDEX ix_parent_city ON parent (city);`,
  "dropColumn": `ALTER TABLE people DROP COLUMN age;`,
  "alterColumn: set not null": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30) NOT NULL,
    age INTEGER,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "alterColumn: drop not null": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30),
    age INTEGER,
    score INTEGER DEFAULT 0,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "alterColumn: type": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(60),
    age INTEGER,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "alterColumn: type with using": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30),
    age INTEGER,
    score INTEGER DEFAULT 0 NOT NULL,
    status INTEGER NOT NULL,
    note TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, CAST(people.status AS INTEGER) AS status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "alterColumn: set default": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30),
    age INTEGER,
    score INTEGER DEFAULT 10 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "alterColumn: drop default": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30),
    age INTEGER,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) NOT NULL,
    note TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "alterColumn: rename": `ALTER TABLE people RENAME COLUMN note TO remark;`,
  "alterColumn: comment": ``,
  "alterColumn: everything at once": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    handle VARCHAR(40) DEFAULT 'anon' NOT NULL,
    age INTEGER,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, handle, age, score, status, note) SELECT people.id, people.nickname AS handle, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "createIndex": `CREATE INDEX ix_people_age ON people (age);
CREATE UNIQUE INDEX ux_people_nick_status ON people (nickname, status);`,
  "createIndex: expression": `CREATE INDEX ix_people_lower_nick ON people (lower(nickname));`,
  "createIndex: partial": `CREATE INDEX ix_people_adults ON people (age) WHERE age >= 18;`,
  "dropIndex": `DROP INDEX ix_people_age;`,
  "createPrimaryKey": `CREATE TABLE _gensql_tmp_loose (
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    CONSTRAINT pk_loose PRIMARY KEY (a, b)
);
INSERT INTO _gensql_tmp_loose (a, b) SELECT loose.a, loose.b
FROM loose;
DROP TABLE loose;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_loose RENAME TO loose;
PRAGMA legacy_alter_table = OFF;`,
  "createUniqueConstraint": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30),
    age INTEGER,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    PRIMARY KEY (id),
    CONSTRAINT uq_people_nickname UNIQUE (nickname)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "createForeignKey": `CREATE TABLE _gensql_tmp_child (
    id INTEGER NOT NULL,
    parent_id INTEGER NOT NULL,
    code VARCHAR(10),
    PRIMARY KEY (id),
    CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO _gensql_tmp_child (id, parent_id, code) SELECT child.id, child.parent_id, child.code
FROM child;
DROP TABLE child;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_child RENAME TO child;
PRAGMA legacy_alter_table = OFF;`,
  "createCheckConstraint": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30),
    age INTEGER,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    PRIMARY KEY (id),
    CONSTRAINT ck_people_age CHECK (age >= 0)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "dropConstraint: foreign key": `CREATE TABLE _gensql_tmp_child (
    id INTEGER NOT NULL,
    parent_id INTEGER NOT NULL,
    code VARCHAR(10),
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_child (id, parent_id, code) SELECT child.id, child.parent_id, child.code
FROM child;
DROP TABLE child;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_child RENAME TO child;
PRAGMA legacy_alter_table = OFF;`,
  "dropConstraint: unique": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30),
    age INTEGER,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "dropConstraint: check, type from the model": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30),
    age INTEGER,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status, note) SELECT people.id, people.nickname, people.age, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "createTableComment": ``,
  "dropTableComment": ``,
  "execute": `UPDATE parent SET name = upper(name);
DELETE FROM parent WHERE name = 'O''Brien' AND id > 3;`,
  "bulkInsert": `INSERT INTO samples (id, s, b, n, big, at, j) VALUES (1, 'it''s', 1, 3.25, 9007199254740993, '2026-01-02 03:04:05.678000', '{"a":[1,"x"]}');
INSERT INTO samples (id, s, b, n, big, at, j) VALUES (2, 'back\\slash', 0, -0.5, NULL, NULL, NULL);
INSERT INTO samples (id, s) VALUES (3, NULL);`,
  "bulkInsert: multiInsert": `INSERT INTO parent (id, name) VALUES
    (1, 'a'),
    (2, 'b');`,
  "createEnum and dropEnum": ``,
  "createSequence and dropSequence": { error: /sqlite cannot render createSequence\('invoice_seq'\): SQLite has no sequences \(/ },
  "batchAlterTable": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30) NOT NULL,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    note TEXT,
    email VARCHAR(100),
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, score, status, note) SELECT people.id, people.nickname, people.score, people.status, people.note
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
  "batchAlterTable: recreate always": `CREATE TABLE _gensql_tmp_people (
    id INTEGER NOT NULL,
    nickname VARCHAR(30),
    age BIGINT,
    score INTEGER DEFAULT 0 NOT NULL,
    status VARCHAR(10) DEFAULT 'new' NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO _gensql_tmp_people (id, nickname, age, score, status) SELECT people.id, people.nickname, people.age, people.score, people.status
FROM people;
DROP TABLE people;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _gensql_tmp_people RENAME TO people;
PRAGMA legacy_alter_table = OFF;`,
};

export const versionCases: Record<VersionCaseName, Expected> = {
  "versionTableCreate": `CREATE TABLE IF NOT EXISTS gensql_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
);`,
  "versionInsert, versionUpdate, versionDelete": `INSERT INTO gensql_version (version_num) VALUES ('aaaa00000001');
UPDATE gensql_version SET version_num='bbbb00000002' WHERE gensql_version.version_num = 'aaaa00000001';
DELETE FROM gensql_version WHERE gensql_version.version_num = 'bbbb00000002';`,
  "versionGuard: from base": `SELECT json_extract('{}', 'gensql: upgrade base:head: the version table gensql_version must hold no revision, but holds ' || CASE actual WHEN '' THEN 'no revision' ELSE actual END)
FROM (SELECT coalesce(group_concat(version_num, ','), '') AS actual FROM (SELECT version_num FROM gensql_version ORDER BY version_num))
WHERE actual <> '';`,
  "versionGuard: at revisions": `SELECT json_extract('{}', 'gensql: upgrade aaaa:head: the version table gensql_version must hold exactly aaaa00000001,bbbb00000002, but the database has no such table')
FROM (SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'gensql_version')
WHERE n = 0;
SELECT json_extract('{}', 'gensql: upgrade aaaa:head: the version table gensql_version must hold exactly aaaa00000001,bbbb00000002, but holds ' || CASE actual WHEN '' THEN 'no revision' ELSE actual END)
FROM (SELECT coalesce(group_concat(version_num, ','), '') AS actual FROM (SELECT version_num FROM gensql_version ORDER BY version_num))
WHERE actual <> 'aaaa00000001,bbbb00000002';`,
};
