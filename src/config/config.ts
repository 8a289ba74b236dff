/**
 * `gensql.config.json`: found in the working folder or the nearest parent
 * (or named with --config), checked field by field. Paths in it are
 * relative to the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { usageError } from '../errors.js';
import { checkConventionKeys, type NamingConvention } from '../model/naming.js';
import type { DialectName } from '../record/operations.js';

export const CONFIG_FILE = 'gensql.config.json';
export const DIALECTS: readonly DialectName[] = ['postgresql', 'mysql', 'mariadb', 'sqlite', 'mssql', 'oracle'];

export interface Config {
  /** absolute path of the config file */
  readonly file: string;
  /** the folder holding the config file */
  readonly root: string;
  /** absolute versions folders, in the order given */
  readonly versions: readonly string[];
  readonly dialect: DialectName;
  readonly versionTable: string;
  readonly versionTableSchema?: string;
  readonly transactionPerMigration: boolean;
  readonly namingConvention?: NamingConvention;
  /** absolute path of the revision template */
  readonly template: string;
  /** the config names the template (then it must exist); otherwise gensql's own is used when the default path has none */
  readonly templateConfigured: boolean;
  readonly fileTemplate: string;
}

type FieldCheck = (v: unknown) => string | null;

const isString: FieldCheck = (v) => (typeof v === 'string' && v.length > 0 ? null : 'must be a non-empty string');
const FIELDS: Record<string, FieldCheck> = {
  versions: (v) => (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0) ? null : 'must be a non-empty array of folder paths'),
  dialect: (v) => (typeof v === 'string' && (DIALECTS as readonly string[]).includes(v) ? null : `must be one of ${DIALECTS.join(', ')}`),
  versionTable: (v) => isString(v) ?? (typeof v === 'string' && v.length > 63 ? 'must be at most 63 characters' : null),
  versionTableSchema: isString,
  transactionPerMigration: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  namingConvention: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? checkConventionKeys(v as Record<string, unknown>) : 'must be an object'),
  template: isString,
  fileTemplate: (v) => isString(v) ?? (typeof v === 'string' && !v.includes('{{rev}}') ? "must contain {{rev}}" : null),
  $schema: (v) => (typeof v === 'string' ? null : 'must be a string'),
};

/** Finds the config file: --config, else the working folder or its nearest parent. */
export function findConfigFile(cwd: string, explicit?: string): string | null {
  if (explicit) {
    const p = path.resolve(cwd, explicit);
    if (!fs.existsSync(p)) throw usageError(`config file ${explicit} does not exist`);
    return p;
  }
  let dir = path.resolve(cwd);
  for (;;) {
    const p = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(p)) return p;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

export function parseConfig(file: string, text: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw usageError(`${file}: not valid JSON: ${(e as Error).message}`, { files: [file] });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw usageError(`${file}: must hold a JSON object`, { files: [file] });
  const obj = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    const check = FIELDS[key];
    if (!check) throw usageError(`${file}: unknown field '${key}' (known fields: ${Object.keys(FIELDS).filter((k) => k !== '$schema').join(', ')})`, { files: [file] });
    const problem = check(value);
    if (problem) throw usageError(`${file}: field '${key}' ${problem}`, { files: [file] });
  }
  const root = path.dirname(file);
  const versions = ((obj.versions as string[] | undefined) ?? ['migrations/versions']).map((v) => path.resolve(root, v));
  const firstDir = path.dirname(versions[0]!);
  return {
    file,
    root,
    versions,
    dialect: (obj.dialect as DialectName | undefined) ?? 'postgresql',
    versionTable: (obj.versionTable as string | undefined) ?? 'gensql_version',
    versionTableSchema: obj.versionTableSchema as string | undefined,
    transactionPerMigration: (obj.transactionPerMigration as boolean | undefined) ?? false,
    namingConvention: obj.namingConvention as NamingConvention | undefined,
    template: path.resolve(root, (obj.template as string | undefined) ?? path.join(path.relative(root, firstDir), 'script.ts.hbs')),
    templateConfigured: obj.template !== undefined,
    fileTemplate: (obj.fileTemplate as string | undefined) ?? '{{rev}}_{{slug}}',
  };
}

/** Reads and checks the config; an error when there is none. */
export function loadConfig(cwd: string, explicit?: string): Config {
  const file = findConfigFile(cwd, explicit);
  if (!file) throw usageError(`no ${CONFIG_FILE} in ${cwd} or any parent folder (run 'gensql init' to create one, or pass --config)`);
  return parseConfig(file, fs.readFileSync(file, 'utf8'));
}
