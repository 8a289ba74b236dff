/**
 * A PGlite instance behind one small interface, either in this thread or in
 * a worker thread (pglite-worker.ts). The worker lets PostgreSQL start on
 * the second core while this thread renders; it is used when
 * the compiled worker module exists (the built CLI), and the instance runs
 * in-process otherwise (tests that import the sources).
 *
 * Starting is not awaited: `startPglite` returns at once and every call
 * waits for the instance, so a caller can start it before it knows the
 * script.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { CountedResult, CountingConnection } from '../counted-runner.js';
import { chooseWasmTiering, createPglite, type PgliteStart } from './pglite-start.js';

type HostCall =
  | { readonly kind: 'exec'; readonly sql: string }
  | { readonly kind: 'execCounted'; readonly sql: string }
  | { readonly kind: 'query'; readonly sql: string; readonly params?: unknown[] }
  | { readonly kind: 'inTransaction' };

export type HostRequest = HostCall & { readonly id: number };

export interface EngineErrorShape {
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
}

export type HostReply =
  | { readonly id: number; readonly ok: true; readonly rows?: unknown[]; readonly value?: boolean; readonly completed?: number; readonly error?: EngineErrorShape }
  | { readonly id: number; readonly ok: false; readonly error: EngineErrorShape };

export interface PgConn extends CountingConnection {
  readonly start: PgliteStart;
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  inTransaction(): Promise<boolean>;
  close(): Promise<void>;
}

/** A simple-protocol Query message ('Q', length, text, NUL), as PGlite's wire protocol takes it. */
function queryMessage(sql: string): Uint8Array {
  const body = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + body.length);
  message[0] = 0x51;
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return new Uint8Array(message.buffer, message.byteOffset, message.length);
}

/** Runs SQL text through the wire protocol: how many statements completed, and the error that stopped it. */
export async function execCounted(db: PGlite, sql: string): Promise<{ completed: number; error: EngineErrorShape | null }> {
  const { messages } = await db.execProtocol(queryMessage(sql), { throwOnError: false });
  let completed = 0;
  for (const m of messages) {
    if (m.name === 'commandComplete') completed += 1;
    if (m.name === 'error') {
      const e = m as unknown as { message: string; detail?: string; hint?: string };
      return { completed, error: { message: e.message, detail: e.detail, hint: e.hint } };
    }
  }
  return { completed, error: null };
}

/** PostgreSQL's error, as PGlite throws it: message, with DETAIL and HINT beside it. */
class EngineError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

class InProcess implements PgConn {
  private readonly ready: Promise<PGlite>;

  constructor(readonly start: PgliteStart) {
    this.ready = createPglite(start);
    this.ready.catch(() => undefined); // reported by the first call, not as an unhandled rejection
  }

  async exec(sql: string): Promise<void> {
    await (await this.ready).exec(sql);
  }

  async execCounted(sql: string): Promise<CountedResult> {
    const r = await execCounted(await this.ready, sql);
    return { completed: r.completed, error: r.error ? new EngineError(r.error.message, r.error.detail, r.error.hint) : null };
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    const db = await this.ready;
    // without parameters, the simple protocol: one trip into PostgreSQL instead of the extended protocol's several
    return params ? (await db.query<T>(sql, params)).rows : (((await db.exec(sql)).at(-1)?.rows ?? []) as T[]);
  }

  async inTransaction(): Promise<boolean> {
    return (await this.ready).isInTransaction();
  }

  async close(): Promise<void> {
    try {
      await (await this.ready).close();
    } catch {
      // it never started, or is gone: nothing to release
    }
  }
}

class InWorker implements PgConn {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: HostReply) => void; reject: (e: Error) => void }>();
  private next = 1;
  private dead: Error | null = null;

  constructor(
    readonly start: PgliteStart,
    file: string,
  ) {
    this.worker = new Worker(file, { workerData: { start } });
    // an idle worker must not keep the process alive (e.g. when rendering fails)
    this.worker.unref();
    this.worker.on('message', (reply: HostReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      p?.resolve(reply);
    });
    const fail = (e: Error): void => {
      this.dead = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the PGlite worker stopped (exit code ${code})`)));
  }

  private async call(request: HostCall): Promise<HostReply & { ok: true }> {
    if (this.dead) throw this.dead;
    const id = this.next++;
    const reply = await new Promise<HostReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...request, id });
    });
    if (!reply.ok) throw new EngineError(reply.error.message, reply.error.detail, reply.error.hint);
    return reply;
  }

  async exec(sql: string): Promise<void> {
    await this.call({ kind: 'exec', sql });
  }

  async execCounted(sql: string): Promise<CountedResult> {
    const r = await this.call({ kind: 'execCounted', sql });
    return { completed: r.completed ?? 0, error: r.error ? new EngineError(r.error.message, r.error.detail, r.error.hint) : null };
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return ((await this.call({ kind: 'query', sql, params })).rows ?? []) as T[];
  }

  async inTransaction(): Promise<boolean> {
    return (await this.call({ kind: 'inTransaction' })).value === true;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

const WORKER_FILE = fileURLToPath(new URL('./pglite-worker.js', import.meta.url));

/** Starts PGlite (in a worker thread when the built worker module exists); returns at once. */
export function startPglite(start: PgliteStart): PgConn {
  chooseWasmTiering(start); // here, before any thread compiles PGlite
  return fs.existsSync(WORKER_FILE) ? new InWorker(start, WORKER_FILE) : new InProcess(start);
}
