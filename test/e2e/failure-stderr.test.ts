/**
 * SPEC 4: on any failure nothing is written to standard output. `check` and
 * `verify` report a failure on stderr (their whole report: the human text,
 * or with --json the same JSON document alone) and exit 1; on success their
 * report goes to stdout as before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/validate/check-report.js';
import { gensql, makeProject, revisionFile } from '../support/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-failure-stderr-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const items = revisionFile({
  id: 'a1',
  message: 'create items',
  up: "  op.createTable('items', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50))]);",
  down_body: "  op.dropTable('items');",
});

/** its downgrade forgets the index: the schema is not restored */
const forgetsIndex = revisionFile({
  id: 'b2',
  down: 'a1',
  message: 'index item names',
  up: "  op.createIndex('ix_items_name', 'items', ['name']);",
  down_body: '  // forgot: op.dropIndex(...)',
});

describe('gensql check: stdout only on success', () => {
  it('a failing check: exit 1, empty stdout, the report and the error line on stderr', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_index.ts': forgetsIndex });
    const r = await gensql(['check'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^check base:heads \(postgresql\): 2 revisions, schemas read back from PGlite\n/);
    expect(r.stderr).toContain('  ok       a1        create items\n');
    expect(r.stderr).toContain('  FAILED   b2        index item names\n');
    expect(r.stderr).toContain('+ index public.ix_items_name: CREATE INDEX ix_items_name ON public.items USING btree (name)');
    expect(r.stderr).toContain('FAILED: 1 error in 1 revision\n');
    expect(r.stderr).toContain('error: check base:heads failed: 1 error; the first: migrations/versions/b2_index.ts: revision b2: downgrade does not restore the schema');
    expect(r.stderr).toContain('  file: migrations/versions/b2_index.ts\n');
  });

  it('a failing check with --json: exit 1, empty stdout, stderr is the JSON document', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_index.ts': forgetsIndex });
    for (const dialect of ['postgresql', 'sqlite', 'mysql']) {
      const r = await gensql(['check', '--json', '--dialect', dialect], { cwd: dir });
      expect(r.code, `${dialect}\n${r.stderr}`).toBe(1);
      expect(r.stdout).toBe('');
      const report = JSON.parse(r.stderr) as CheckReport;
      expect(report.ok).toBe(false);
      expect(report.dialect).toBe(dialect);
      expect(report.revisions.map((v) => [v.revision, v.status])).toEqual([['a1', 'ok'], ['b2', 'failed']]);
      expect(report.revisions[1]!.findings[0]).toMatchObject({ severity: 'error', kind: 'downgrade-mismatch', revision: 'b2', file: 'migrations/versions/b2_index.ts' });
    }
  });

  it('--strict failing on a warning also keeps stdout empty (text and --json)', async () => {
    const dir = makeProject({ 'a1_items.ts': items, 'b2_nodown.ts': revisionFile({ id: 'b2', down: 'a1', message: 'no way back', up: "  op.addColumn('items', column('note', t.text()));" }) });
    const lenient = await gensql(['check'], { cwd: dir });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stdout).toContain('  warning  b2        no way back\n');
    const text = await gensql(['check', '--strict'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('  warning  b2        no way back\n');
    expect(text.stderr).toContain('error: check base:heads: 1 warning (--strict)');
    const json = await gensql(['check', '--strict', '--json'], { cwd: dir });
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    expect((JSON.parse(json.stderr) as CheckReport).findings).toMatchObject([{ severity: 'warning', kind: 'no-downgrade', revision: 'b2' }]);
  });

  it('a passing check still prints its report on stdout (text and --json)', async () => {
    const dir = makeProject({ 'a1_items.ts': items });
    const text = await gensql(['check'], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^check base:heads \(postgresql\): 1 revision, schemas read back from PGlite\n/);
    expect(text.stdout).toMatch(/ok: every downgrade checked restores the schema\n$/);
    expect(text.stderr).toBe('');
    const json = await gensql(['check', '--json'], { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as CheckReport).ok).toBe(true);
    expect(json.stderr).toBe('');
  });

  it('help says where the report goes', async () => {
    const r = await gensql(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/On failure nothing\s+goes\s+to\s+stdout/);
  });
});

describe('gensql verify: stdout only on success', () => {
  let bundle = '';
  async function freshBundle(name: string): Promise<string> {
    if (!bundle) {
      bundle = path.join(tmp, 'pristine');
      const r = await gensql(['upgrade', 'base:heads', '--no-validate', '--out-dir', bundle]);
      expect(r.code, r.stderr).toBe(0);
    }
    const copy = path.join(tmp, name);
    fs.cpSync(bundle, copy, { recursive: true });
    return copy;
  }

  it('an intact bundle: exit 0, the result on stdout', async () => {
    const dir = await freshBundle('intact');
    const r = await gensql(['verify', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ok: \d+ files match /);
    const j = await gensql(['verify', dir, '--json']);
    expect(j.code, j.stderr).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: true, changed: [] });
  });

  it('a tampered file: exit 1, empty stdout, stderr names the file (text and --json)', async () => {
    const dir = await freshBundle('tampered');
    fs.appendFileSync(path.join(dir, 'upgrade.sql'), 'DROP TABLE account;\n');
    const r = await gensql(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^changed: upgrade\.sql\n/);
    expect(r.stderr).toContain('does not match its manifest: 1 changed, 0 missing, 0 added (1 problem)');
    const j = await gensql(['verify', dir, '--json']);
    expect(j.code).toBe(1);
    expect(j.stdout).toBe('');
    expect(JSON.parse(j.stderr)).toMatchObject({ ok: false, changed: ['upgrade.sql'], missing: [], added: [] });
  });

  it('help says where a mismatch goes', async () => {
    const r = await gensql(['verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/On a mismatch\s+nothing\s+goes\s+to\s+stdout/);
  });
});
