/**
 * Whole Oracle scripts from the built CLI on the example project: upgrade,
 * downgrade and stamp, compared with reviewed snapshots, and their shape
 * checked: no transaction statements, no `;` after a SQL statement, a `/`
 * line after every statement (PL/SQL blocks end in their own `END;`), each
 * version-table change committed — Alembic's shape plus that COMMIT.
 */
import { describe, expect, it } from 'vitest';
import { gensql } from '../support/cli.js';

async function script(args: string[]): Promise<string> {
  const r = await gensql([...args, '--dialect', 'oracle', '--no-validate']);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  return r.stdout;
}

function paragraphs(text: string): string[] {
  const body = text.slice(text.indexOf('\n\n') + 2);
  return body.trimEnd().split('\n\n');
}

const isComment = (p: string): boolean => p.split('\n').every((l) => l.startsWith('--'));
const isPlsql = (p: string): boolean => /^(DECLARE|BEGIN)\n/.test(p);

function checkShape(text: string): string[] {
  const ps = paragraphs(text);
  expect(ps.some((p) => /^(BEGIN|COMMIT|SET TRANSACTION)\b[^\n]*;$/.test(p))).toBe(false);
  expect(ps[ps.length - 1]).toBe('/');
  ps.forEach((p, i) => {
    if (p === '/' || isComment(p)) return;
    if (isPlsql(p)) expect(p.endsWith('\nEND;'), p).toBe(true);
    else expect(p.endsWith(';'), p).toBe(false);
    expect(ps[i + 1], p).toBe('/');
    // every version-table change is committed at once
    if (/^(INSERT INTO|UPDATE|DELETE FROM) gensql_version /.test(p)) expect(ps.slice(i + 1, i + 4)).toEqual(['/', 'COMMIT', '/']);
  });
  return ps;
}

describe('oracle scripts of the example project', () => {
  it('upgrade base:head', async () => {
    const text = await script(['upgrade', 'base:head']);
    const ps = checkShape(text);
    await expect(text).toMatchFileSnapshot('__snapshots__/oracle.upgrade.sql');
    expect(ps[0]).toMatch(/^DECLARE\n[\s\S]*RAISE_APPLICATION_ERROR\(-20000, 'gensql: upgrade base:head: /);
    expect(ps[2]).toMatch(/^BEGIN\n    EXECUTE IMMEDIATE 'CREATE TABLE gensql_version \([\s\S]*IF SQLCODE != -955 THEN/);
    expect(ps[4]).toBe('-- Running upgrade  -> a1b2c3d4e5f6\n-- create user table');
    expect(ps[5]).toMatch(/^CREATE TABLE "user" \(/);
  });

  it('downgrade head:base', async () => {
    const text = await script(['downgrade', 'head:base']);
    checkShape(text);
    await expect(text).toMatchFileSnapshot('__snapshots__/oracle.downgrade.sql');
    expect(text).not.toMatch(/CREATE TABLE gensql_version|DROP TABLE gensql_version/);
    expect(text).toMatch(/DELETE FROM gensql_version WHERE gensql_version.version_num = 'a1b2c3d4e5f6'\n\n\/\n\nCOMMIT\n\n\/\n$/);
  });

  it('stamp base:head', async () => {
    const text = await script(['stamp', 'base:head']);
    const ps = checkShape(text);
    await expect(text).toMatchFileSnapshot('__snapshots__/oracle.stamp.sql');
    expect(ps.slice(-5)).toEqual(['-- Running stamp_revision  -> 0a1b2c3d4e5f', "INSERT INTO gensql_version (version_num) VALUES ('0a1b2c3d4e5f')", '/', 'COMMIT', '/']);
  });

  it('writes no transaction statements with --transaction-per-migration either (DDL commits implicitly)', async () => {
    const text = await script(['upgrade', 'base:c3d4e5f6a1b2', '--transaction-per-migration']);
    checkShape(text);
    expect(text).toBe(await script(['upgrade', 'base:c3d4e5f6a1b2']));
  });
});
