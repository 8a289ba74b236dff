/**
 * manifest.json: what a bundle holds and each file's sha256, so a DBA (or
 * `gensql verify`) can prove that what is applied is what was reviewed.
 * Keys are written in one fixed order and nothing varies between runs (no
 * timestamps, no host names, no absolute paths): regenerating a bundle from
 * the same inputs gives the same bytes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { usageError } from '../errors.js';

export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_FORMAT = 'gensql-bundle/1';

export type FileKind = 'step' | 'script' | 'rollback-step' | 'rollback-script' | 'review';

export interface ManifestFile {
  /** relative to the bundle folder, with `/` separators */
  readonly path: string;
  readonly kind: FileKind;
  /** version rows the database holds before the file runs */
  readonly from: readonly string[];
  /** version rows after it */
  readonly to: readonly string[];
  /** revisions whose upgrade()/downgrade() the file runs, in order */
  readonly revisions: readonly string[];
  /** the revision's message (step files), else null */
  readonly message: string | null;
  readonly statements: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly format: string;
  readonly gensql: string;
  readonly dialect: string;
  readonly direction: string;
  readonly range: string;
  readonly tag: string | null;
  readonly start: readonly string[];
  readonly end: readonly string[];
  readonly formatted: boolean;
  readonly transactionPerMigration: boolean;
  readonly files: readonly ManifestFile[];
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with 2-space indent, but arrays of plain values on one line (revision lists stay readable). */
function stableJson(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + stableJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stableJson(v, inner)}`);
    return entries.length ? `{\n${entries.join(',\n')}\n${indent}}` : '{}';
  }
  return JSON.stringify(value);
}

/** The manifest's text: keys in the interface's order, 2-space indent, final newline. */
export function manifestText(m: Manifest): string {
  const ordered = {
    format: m.format,
    gensql: m.gensql,
    dialect: m.dialect,
    direction: m.direction,
    range: m.range,
    tag: m.tag,
    start: m.start,
    end: m.end,
    formatted: m.formatted,
    transactionPerMigration: m.transactionPerMigration,
    files: m.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      from: f.from,
      to: f.to,
      revisions: f.revisions,
      message: f.message,
      statements: f.statements,
      sha256: f.sha256,
    })),
  };
  return `${stableJson(ordered, '')}\n`;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** A path a manifest may name: relative, inside the bundle, no `..`. */
export function safeRelative(p: string): boolean {
  if (p === '' || p.includes('\\') || p.startsWith('/') || /^[A-Za-z]:/.test(p)) return false;
  return p.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Parses and checks a manifest; `where` names it in errors (exit 2). */
export function parseManifest(text: string, where: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw usageError(`${where} is not valid JSON: ${(e as Error).message}`);
  }
  const bad = (what: string): never => {
    throw usageError(`${where} is not a gensql bundle manifest: ${what}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return bad('not an object');
  const m = data as Record<string, unknown>;
  if (m.format !== MANIFEST_FORMAT) bad(`"format" must be "${MANIFEST_FORMAT}"`);
  for (const k of ['gensql', 'dialect', 'direction', 'range'] as const) if (typeof m[k] !== 'string') bad(`"${k}" must be a string`);
  if (!Array.isArray(m.files)) return bad('"files" must be an array');
  const seen = new Set<string>();
  m.files.forEach((f: unknown, i) => {
    if (typeof f !== 'object' || f === null) return bad(`files[${i}] is not an object`);
    const r = f as Record<string, unknown>;
    if (typeof r.path !== 'string' || !safeRelative(r.path)) bad(`files[${i}].path must be a relative path inside the bundle`);
    if (r.path === MANIFEST_NAME) bad(`files[${i}] names the manifest itself`);
    if (seen.has(r.path as string)) bad(`files[${i}].path ${String(r.path)} is listed twice`);
    seen.add(r.path as string);
    if (typeof r.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(r.sha256)) bad(`files[${i}].sha256 must be 64 lowercase hex digits`);
    if (!isStringArray(r.from) || !isStringArray(r.to) || !isStringArray(r.revisions)) bad(`files[${i}] from/to/revisions must be string arrays`);
  });
  return data as Manifest;
}

export interface BundleCheck {
  /** files listed in the manifest, in its order */
  readonly checked: number;
  readonly changed: string[];
  readonly missing: string[];
  /** files in the folder that the manifest does not list */
  readonly added: string[];
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(path.join(dir, prefix), { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

/** Reads `dir/manifest.json` (exit 2 when the folder or manifest is missing or invalid). */
export async function readManifest(dir: string): Promise<Manifest> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat) throw usageError(`${dir} does not exist`);
  if (!stat.isDirectory()) throw usageError(`${dir} is not a folder`);
  const file = path.join(dir, MANIFEST_NAME);
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  if (text === null) throw usageError(`${dir} has no ${MANIFEST_NAME}: not a gensql bundle`);
  return parseManifest(text, file);
}

/** Recomputes every listed file's sha256 and lists files changed, missing and added. */
export async function checkBundle(dir: string, manifest: Manifest): Promise<BundleCheck> {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const f of manifest.files) {
    const data = await fs.readFile(path.join(dir, ...f.path.split('/'))).catch(() => null);
    if (data === null) missing.push(f.path);
    else if (sha256(data) !== f.sha256) changed.push(f.path);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const added = (await listFiles(dir)).filter((p) => p !== MANIFEST_NAME && !listed.has(p));
  return { checked: manifest.files.length, changed, missing, added };
}

export function bundleIntact(c: BundleCheck): boolean {
  return c.changed.length === 0 && c.missing.length === 0 && c.added.length === 0;
}
