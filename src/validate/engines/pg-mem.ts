/**
 * pg-mem: an in-memory imitation of PostgreSQL in JavaScript (`--engine
 * pg-mem`). It starts in milliseconds but implements only part of
 * PostgreSQL (no DO blocks, no RENAME CONSTRAINT, no CONCURRENTLY, few
 * functions...). A statement it does not support is "not checked" (a
 * warning), never a failure; and once it has skipped a statement that may
 * change the schema, its later rejections are not trusted either (they may
 * only follow from the skip), so they are "not checked" too.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IMemoryDb } from 'pg-mem';
import { errorText, type EngineFactory, type EngineSession, type ExecItem, type Failure, type StatementRef, type Tally } from '../engine.js';
import { installedVersion } from '../../version.js';

/** Why pg-mem's error means "pg-mem cannot do this" rather than "PostgreSQL would refuse this", or null. */
export function unsupportedReason(e: unknown): string | null {
  const name = e instanceof Error ? e.constructor.name : '';
  const text = cleanMessage(errorText(e));
  if (name === 'NotSupported' || /not supported/i.test(text)) return `pg-mem does not support it (${firstLine(text)})`;
  if (/failed to parse|invalid syntax|syntax error/i.test(text)) return 'pg-mem cannot parse it';
  if (/\bfunction .* does not exist/i.test(text) || /implements very few native functions/.test(text)) return `pg-mem lacks a function PostgreSQL has (${firstLine(text)})`;
  if (/unkonwn language|unknown language|extension does not exist/i.test(text)) return `pg-mem does not support it (${firstLine(text)})`;
  return null;
}

/** pg-mem decorates its messages with emoji and long parser dumps. */
function cleanMessage(text: string): string {
  return text
    .replace(/[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]\uFE0F?/gu, '')
    .replace(/\n\s*\n[\s\S]*$/, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/^(ERROR:\s*)/, '').slice(0, 160);
}

/** Functions and extensions migrations commonly use, so pg-mem does not skip their statements. */
async function patch(db: IMemoryDb): Promise<void> {
  const { DataType } = await import('pg-mem');
  const schema = db.public;
  schema.registerFunction({ name: 'gen_random_uuid', returns: DataType.uuid, impure: true, implementation: () => randomUUID() });
  schema.registerFunction({ name: 'char_length', args: [DataType.text], returns: DataType.integer, implementation: (s: string) => [...s].length });
  schema.registerFunction({ name: 'timezone', args: [DataType.text, DataType.timestamptz], returns: DataType.timestamp, implementation: (_z: string, t: Date) => t });
  db.registerExtension('uuid-ossp', (s) => s.registerFunction({ name: 'uuid_generate_v4', returns: DataType.uuid, impure: true, implementation: () => randomUUID() }));
  db.registerExtension('pgcrypto', () => undefined);
}

class PgMemSession implements EngineSession {
  readonly label = 'pg-mem';
  /** a skipped statement that may have changed the schema, after which rejections are not trusted */
  private diverged: StatementRef | null = null;

  constructor(private readonly db: IMemoryDb) {}

  async run(items: readonly ExecItem[], tally: Tally, progress?: (done: number) => void): Promise<Failure | null> {
    for (const item of items) {
      if (progress && tally.total % 100 === 0) progress(tally.total);
      if (item.kind !== 'statement') {
        try {
          this.db.public.none(item.sql);
        } catch {
          // transaction control pg-mem refuses changes nothing it checks
        }
        continue;
      }
      try {
        this.db.public.none(item.sql);
        tally.checked += 1;
      } catch (e) {
        const reason = unsupportedReason(e);
        if (reason !== null) {
          tally.skip(item, reason);
          // the guard and version bookkeeping (no revision) change no user schema
          if (item.revision !== null) this.diverged ??= item;
          continue;
        }
        if (this.diverged) {
          const where = this.diverged.revision ? ` of revision ${this.diverged.revision}` : '';
          tally.skip(item, `pg-mem rejected it (${firstLine(cleanMessage(errorText(e)))}), but only after skipping an earlier statement${where} it does not support, so this may not be an error`);
          continue;
        }
        return { statement: item, message: cleanMessage(errorText(e)) };
      }
    }
    return null;
  }

  async createSchema(name: string): Promise<void> {
    this.db.createSchema(name);
  }

  async close(): Promise<void> {
    // nothing to release: the database is garbage once unreferenced
  }
}

/** Where pg-mem is installed (its dependencies resolve from there). */
function pgMemEntry(): string {
  try {
    return createRequire(import.meta.url).resolve('pg-mem');
  } catch {
    return import.meta.url;
  }
}

export const pgMem: EngineFactory = {
  name: 'pg-mem',
  label: 'pg-mem',
  kind: 'approximate',
  dialects: ['postgresql'],
  // its SQL parser is a separate package, free to move within pg-mem's range
  memoId: () => `pg-mem ${installedVersion('pg-mem')}, pgsql-ast-parser ${installedVersion('pgsql-ast-parser', pgMemEntry())}`,
  async open() {
    const { newDb } = await import('pg-mem');
    const db = newDb();
    await patch(db);
    return new PgMemSession(db);
  },
};
