/**
 * `gensql verify DIR`: every file's sha256 against manifest.json; changed,
 * missing and added files named; exit 1 on a mismatch, 2 when there is no
 * bundle to check.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { gensql } from '../support/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-verify-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let pristine = '';
let dir = '';
let n = 0;

async function makeBundle(): Promise<string> {
  if (!pristine) {
    pristine = path.join(tmp, 'pristine');
    const r = await gensql(['upgrade', 'base:heads', '--no-validate', '--with-rollback', '--out-dir', pristine]);
    expect(r.code, r.stderr).toBe(0);
  }
  n += 1;
  const copy = path.join(tmp, `b${n}`);
  fs.cpSync(pristine, copy, { recursive: true });
  return copy;
}

interface Report {
  ok: boolean;
  checked: number;
  changed: string[];
  missing: string[];
  added: string[];
}

async function verifyJson(d: string): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await gensql(['verify', d, '--json']);
  // on failure stdout stays empty and the report goes to stderr (SPEC: nothing on stdout on failure)
  return { code: r.code, report: JSON.parse(r.code === 0 ? r.stdout : r.stderr) as Report, stderr: r.stderr };
}

describe('gensql verify', () => {
  beforeEach(async () => {
    dir = await makeBundle();
  });

  it('passes on an untouched bundle', async () => {
    const r = await gensql(['verify', dir]);
    expect(r.code, r.stderr).toBe(0);
    const listed = (JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: unknown[] }).files.length;
    expect(listed).toBe(fs.readdirSync(dir).length - 1);
    expect(r.stdout).toContain(`ok: ${listed} files match`);
    const j = await verifyJson(dir);
    expect(j.code).toBe(0);
    expect(j.report).toMatchObject({ ok: true, checked: listed, changed: [], missing: [], added: [] });
  });

  it('names the file in which one byte changed, for every file of the bundle', async () => {
    const names = fs.readdirSync(dir).filter((f) => f !== 'manifest.json');
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const file = path.join(dir, name);
      const original = fs.readFileSync(file);
      const edited = Buffer.from(original);
      const at = Math.floor(edited.length / 2);
      edited[at] = edited[at] === 0x41 ? 0x42 : 0x41; // one byte, same length
      fs.writeFileSync(file, edited);
      const r = await gensql(['verify', dir]);
      expect(r.code, name).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toBe(`changed: ${name}`);
      expect(r.stderr).toContain('does not match its manifest');
      fs.writeFileSync(file, original);
    }
    expect((await gensql(['verify', dir])).code).toBe(0);
  });

  it('reports a missing file and an added file (also in a subfolder)', async () => {
    fs.rmSync(path.join(dir, '0003_c3d4e5f6a1b2_create_account_table.sql'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'approved by the DBA\n');
    fs.mkdirSync(path.join(dir, 'extra'));
    fs.writeFileSync(path.join(dir, 'extra', 'hotfix.sql'), 'DROP TABLE account;\n');
    const r = await gensql(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').slice(0, 3)).toEqual(['missing: 0003_c3d4e5f6a1b2_create_account_table.sql', 'added: extra/hotfix.sql', 'added: notes.txt']);
    const j = await verifyJson(dir);
    expect(j.code).toBe(1);
    expect(j.report).toMatchObject({
      ok: false,
      changed: [],
      missing: ['0003_c3d4e5f6a1b2_create_account_table.sql'],
      added: ['extra/hotfix.sql', 'notes.txt'],
    });
  });

  it('catches a file swapped for another file of the same bundle', async () => {
    fs.copyFileSync(path.join(dir, '0002_b2c3d4e5f6a1_add_mobile_number_to_user.sql'), path.join(dir, '0005_f6a1b2c3d4e5_drop_mobile_number_from_user.sql'));
    const j = await verifyJson(dir);
    expect(j.code).toBe(1);
    expect(j.report.changed).toEqual(['0005_f6a1b2c3d4e5_drop_mobile_number_from_user.sql']);
  });

  it('exits 2 when the folder or its manifest is missing or invalid', async () => {
    const missing = await gensql(['verify', path.join(tmp, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('does not exist');

    fs.rmSync(path.join(dir, 'manifest.json'));
    const noManifest = await gensql(['verify', dir]);
    expect(noManifest.code).toBe(2);
    expect(noManifest.stderr).toContain('no manifest.json');

    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ not json');
    expect((await gensql(['verify', dir])).code).toBe(2);

    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'gensql-bundle/1', gensql: '0', dialect: 'postgresql', direction: 'upgrade', range: 'x', files: [{ path: '../etc/passwd', sha256: 'a'.repeat(64), from: [], to: [], revisions: [] }] }));
    const escape = await gensql(['verify', dir]);
    expect(escape.code).toBe(2);
    expect(escape.stderr).toContain('relative path inside the bundle');
  });

  it('has help text with examples', async () => {
    const r = await gensql(['verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verify review/r42 --json');
    expect(r.stdout).toContain('manifest');
  });
});
