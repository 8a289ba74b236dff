/**
 * The worker thread that owns a PGlite instance, so PostgreSQL starts on
 * the second core while the main thread loads and renders the revisions. Requests come one at a time from pglite-host.ts; each reply
 * carries rows or the error's message, DETAIL and HINT.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite, type PgliteStart } from './pglite-start.js';
import { execCounted, type HostReply, type HostRequest } from './pglite-host.js';

const data = workerData as { start: PgliteStart };
const port = parentPort!;
const queue: HostRequest[] = [];
let wake: (() => void) | null = null;

port.on('message', (request: HostRequest) => {
  queue.push(request);
  wake?.();
});

function errorReply(id: number, e: unknown): HostReply {
  const err = e as { message?: unknown; detail?: unknown; hint?: unknown };
  return {
    id,
    ok: false,
    error: {
      message: typeof err?.message === 'string' ? err.message : String(e),
      detail: typeof err?.detail === 'string' ? err.detail : undefined,
      hint: typeof err?.hint === 'string' ? err.hint : undefined,
    },
  };
}

async function serve(db: PGlite, request: HostRequest): Promise<HostReply> {
  switch (request.kind) {
    case 'exec':
      await db.exec(request.sql);
      return { id: request.id, ok: true };
    case 'execCounted': {
      const r = await execCounted(db, request.sql);
      return { id: request.id, ok: true, completed: r.completed, error: r.error ?? undefined };
    }
    case 'query':
      // without parameters, the simple protocol: one trip into PostgreSQL instead of the extended protocol's several
      return { id: request.id, ok: true, rows: request.params ? (await db.query(request.sql, request.params)).rows : ((await db.exec(request.sql)).at(-1)?.rows ?? []) };
    case 'inTransaction':
      return { id: request.id, ok: true, value: db.isInTransaction() };
  }
}

async function main(): Promise<void> {
  let db: PGlite | null = null;
  let startError: unknown = null;
  try {
    db = await createPglite(data.start);
  } catch (e) {
    startError = e;
  }
  for (;;) {
    if (queue.length === 0) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
    const request = queue.shift()!;
    try {
      if (db === null) throw startError;
      port.postMessage(await serve(db, request));
    } catch (e) {
      port.postMessage(errorReply(request.id, e));
    }
  }
}

void main();
