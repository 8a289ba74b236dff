/**
 * Dev tool: prints what a dialect renders for every golden case, as the
 * body of test/golden/expected/<dialect>.ts, for review before it is frozen.
 *   node scripts/run-ts.mjs scripts/golden-print.ts postgresql
 */
import { CASES, VERSION_CASES } from '../test/golden/cases.js';
import { errorMessage, joinStatements, session } from '../test/support/render.js';
import type { DialectName } from '../src/record/operations.js';
import type { Op } from '../src/ops/index.js';

const name = process.argv[2] as DialectName;
const lit = (s: string): string => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
const lines: string[] = [];
for (const [caseName, c] of Object.entries(CASES)) {
  const s = await session(name);
  try {
    if ('given' in c && c.given) await s.run(c.given);
    lines.push(`  ${JSON.stringify(caseName)}: ${lit(joinStatements(await s.run(c.when)))},`);
  } catch (e) {
    lines.push(`  ${JSON.stringify(caseName)}: { error: /${errorMessage(e).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').slice(0, 80)}/ },`);
  }
}
lines.push('};\n\nexport const versionCases: Record<VersionCaseName, Expected> = {');
for (const [caseName, ops] of Object.entries(VERSION_CASES)) {
  const s = await session(name);
  try {
    lines.push(`  ${JSON.stringify(caseName)}: ${lit(joinStatements(s.renderOps(ops as unknown as Op[])))},`);
  } catch (e) {
    lines.push(`  ${JSON.stringify(caseName)}: { error: /${errorMessage(e).slice(0, 60)}/ },`);
  }
}
console.log(lines.join("\n") + "\n};");
