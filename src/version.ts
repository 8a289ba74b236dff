/**
 * gensql's own version and install folder, read once from package.json
 * (found by walking up from this module, so it works from src/ and dist/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = path.join(dir, 'package.json');
    if (fs.existsSync(p)) {
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string };
      if (pkg.name === 'gensql') return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('gensql: cannot find its own package.json');
    dir = up;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const VERSION: string = (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
