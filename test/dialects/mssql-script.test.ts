/**
 * Whole SQL Server scripts from the built CLI on the example project:
 * upgrade, downgrade and stamp, compared with reviewed snapshots, and their
 * shape checked: BEGIN TRANSACTION (no GO after it), `;` and a GO line after
 * every statement, COMMIT; and GO at the end — Alembic's shape.
 */
import { describe, expect, it } from 'vitest';
import { gensql } from '../support/cli.js';

async function script(args: string[]): Promise<string> {
  const r = await gensql([...args, '--dialect', 'mssql', '--no-validate']);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  return r.stdout;
}

/** The script after its header comment: paragraphs separated by blank lines. */
function paragraphs(text: string): string[] {
  const body = text.slice(text.indexOf('\n\n') + 2);
  return body.trimEnd().split('\n\n');
}

function checkShape(text: string): void {
  const ps = paragraphs(text);
  expect(ps[0]).toBe('BEGIN TRANSACTION;');
  expect(ps[1]).not.toBe('GO');
  expect(ps.slice(-2)).toEqual(['COMMIT;', 'GO']);
  ps.forEach((p, i) => {
    if (i === 0 || p === 'GO' || p.split('\n').every((l) => l.startsWith('--'))) return;
    // a statement: ends with ';' and the next paragraph is GO
    expect(p.endsWith(';'), p).toBe(true);
    expect(ps[i + 1], p).toBe('GO');
  });
  expect(ps.filter((p) => p === 'BEGIN TRANSACTION;')).toHaveLength(1);
}

describe('mssql scripts of the example project', () => {
  it('upgrade base:head', async () => {
    const text = await script(['upgrade', 'base:head']);
    checkShape(text);
    await expect(text).toMatchFileSnapshot('__snapshots__/mssql.upgrade.sql');
    const ps = paragraphs(text);
    // guard first, then the version table (only when missing), then the first revision
    expect(ps[1]).toMatch(/^-- on failure SET NOEXEC ON[\s\S]*RAISERROR\(N'gensql: upgrade base:head: /);
    expect(ps[3]).toMatch(/^IF OBJECT_ID\(N'gensql_version', N'U'\) IS NULL\nCREATE TABLE gensql_version \(/);
    expect(ps[5]).toBe('-- Running upgrade  -> a1b2c3d4e5f6\n-- create user table');
  });

  it('downgrade head:base', async () => {
    const text = await script(['downgrade', 'head:base']);
    checkShape(text);
    await expect(text).toMatchFileSnapshot('__snapshots__/mssql.downgrade.sql');
    // no version table statement from base; the table stays, its last row goes
    expect(text).not.toMatch(/CREATE TABLE gensql_version|DROP TABLE gensql_version/);
    expect(text).toMatch(/DELETE FROM gensql_version WHERE gensql_version.version_num = 'a1b2c3d4e5f6';\n\nGO\n\nCOMMIT;\n\nGO\n$/);
  });

  it('stamp base:head', async () => {
    const text = await script(['stamp', 'base:head']);
    checkShape(text);
    await expect(text).toMatchFileSnapshot('__snapshots__/mssql.stamp.sql');
    expect(paragraphs(text).slice(-6)).toEqual([
      'GO',
      '-- Running stamp_revision  -> 0a1b2c3d4e5f',
      "INSERT INTO gensql_version (version_num) VALUES ('0a1b2c3d4e5f');",
      'GO',
      'COMMIT;',
      'GO',
    ]);
  });

  it('one transaction per revision: COMMIT; GO then BEGIN TRANSACTION; between revisions', async () => {
    const text = await script(['upgrade', 'base:c3d4e5f6a1b2', '--transaction-per-migration']);
    const ps = paragraphs(text);
    expect(ps.filter((p) => p === 'BEGIN TRANSACTION;')).toHaveLength(3);
    expect(ps.filter((p) => p === 'COMMIT;')).toHaveLength(3);
    ps.forEach((p, i) => {
      if (p === 'COMMIT;') expect(ps[i + 1]).toBe('GO');
      if (p === 'BEGIN TRANSACTION;') expect(ps[i + 1]).not.toBe('GO');
    });
  });
});
