/**
 * Running the built CLI (bin/run.js) as a user would, on fixture projects.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'run.js');
export const EXAMPLES = path.join(ROOT, 'examples');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function gensql(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? EXAMPLES,
      env: { ...process.env, GENSQL_NO_PROGRESS: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A throwaway project folder with a config and the given revision files. */
export function makeProject(files: Record<string, string>, config: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-proj-'));
  fs.writeFileSync(path.join(dir, 'gensql.config.json'), JSON.stringify({ versions: ['migrations/versions'], ...config }, null, 2));
  fs.mkdirSync(path.join(dir, 'migrations', 'versions'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, name.includes('/') ? name : path.join('migrations', 'versions', name));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}

/** A revision file's text from its parts. */
export function revisionFile(rev: { id: string; down?: string | string[] | null; message?: string; up: string; down_body?: string; extra?: string }): string {
  const down = rev.down === undefined || rev.down === null ? 'null' : JSON.stringify(rev.down);
  return [
    "import { column, t, sql, primaryKeyConstraint, uniqueConstraint, foreignKeyConstraint, checkConstraint, index } from 'gensql';",
    "import type { Operations } from 'gensql';",
    `export const revision = '${rev.id}';`,
    `export const downRevision = ${down};`,
    `export const message = ${JSON.stringify(rev.message ?? `revision ${rev.id}`)};`,
    rev.extra ?? '',
    `export async function upgrade(op: Operations): Promise<void> {\n${rev.up}\n}`,
    rev.down_body === undefined ? '' : `export async function downgrade(op: Operations): Promise<void> {\n${rev.down_body}\n}`,
    '',
  ].join('\n');
}

/**
 * Throwaway folders for one test file (call at its top level): every folder
 * it makes, or is given to keep, is removed after the file's tests.
 */
export function tempDirs(): { make(prefix: string): string; keep(dir: string): string } {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });
  const keep = (dir: string): string => {
    made.push(dir);
    return dir;
  };
  return { make: (prefix) => keep(fs.mkdtempSync(path.join(os.tmpdir(), prefix))), keep };
}
