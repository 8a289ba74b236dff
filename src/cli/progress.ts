/**
 * Progress on stderr for long work: a counter and a bar, redrawn in place,
 * only when stderr is a terminal (never in pipes, CI logs or tests).
 */
export interface Progress {
  update(phase: string, done: number, total: number): void;
  done(): void;
}

const SILENT: Progress = { update: () => undefined, done: () => undefined };

export function progress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.GENSQL_NO_PROGRESS === '1') return SILENT;
  let last = 0;
  let shown = false;
  return {
    update(phase, done, total) {
      const now = Date.now();
      if (done < total && now - last < 80) return;
      last = now;
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      stream.write(`\r${phase.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}\u001b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
