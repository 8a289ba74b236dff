/**
 * Global test setup: the real engines must be running (installed and
 * started by scripts/ensure-engines.sh, which .ci/run also calls).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync('bash', [path.join(root, 'scripts', 'ensure-engines.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
