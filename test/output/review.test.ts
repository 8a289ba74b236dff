/**
 * REVIEW.md: what each revision changes, derived from the recorded ops,
 * destructive operations put first, validation per engine (or "not
 * validated"), and a team's own template through --review-template.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeResult } from '../../src/output/index.js';
import { openProject, renderRange } from '../../src/pipeline.js';
import { EXAMPLES, gensql, makeProject, revisionFile } from '../support/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-review-'));
let cwd = '';
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
});

const revs = [
  revisionFile({
    id: 'bbbb00000001',
    message: 'create tables',
    up: [
      "op.createTable('customer', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(40)), column('legacy_code', t.string(8))]);",
      "op.createTable('audit_log', [column('id', t.integer(), { primaryKey: true }), column('line', t.text())]);",
    ].join('\n'),
    down_body: "op.dropTable('audit_log'); op.dropTable('customer');",
  }),
  revisionFile({
    id: 'bbbb00000002',
    down: 'bbbb00000001',
    message: 'clean up customer\n\nLonger explanation on a second paragraph.',
    up: [
      "op.dropColumn('customer', 'legacy_code');",
      "op.alterColumn('customer', 'name', { type: t.string(80), nullable: false });",
      "op.execute(\"DELETE FROM audit_log WHERE line LIKE 'tmp%'\");",
      "op.execute(\"SELECT 'drop table is only text here' AS note\");",
      "op.execute('TRUNCATE audit_log');",
      "op.createIndex('ix_customer_name', 'customer', ['name'], { unique: true });",
      "op.bulkInsert('customer', [{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);",
    ].join('\n'),
    down_body: "op.dropIndex('ix_customer_name'); op.alterColumn('customer', 'name', { type: t.string(40), nullable: true }); op.addColumn('customer', column('legacy_code', t.string(8)));",
  }),
  revisionFile({ id: 'bbbb00000003', down: 'bbbb00000002', message: 'drop audit log', up: "op.dropTable('audit_log');", down_body: "op.createTable('audit_log', [column('id', t.integer(), { primaryKey: true }), column('line', t.text())]);" }),
];

beforeAll(() => {
  cwd = makeProject({ 'b1.ts': revs[0]!, 'b2.ts': revs[1]!, 'b3.ts': revs[2]! });
});

function section(md: string, title: string): string {
  const start = md.indexOf(`## ${title}`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = md.indexOf('\n## ', start + 3);
  return md.slice(start, end < 0 ? undefined : end);
}

describe('REVIEW.md', () => {
  let md = '';
  beforeAll(async () => {
    const dir = path.join(tmp, 'b');
    const r = await gensql(['upgrade', 'base:head', '--no-validate', '--with-rollback', '--tag', 'CHG-7', '--out-dir', dir], { cwd });
    expect(r.code, r.stderr).toBe(0);
    md = fs.readFileSync(path.join(dir, 'REVIEW.md'), 'utf8');
  });

  it('lists the revisions in order with their messages, files and version rows', () => {
    const order = ['bbbb00000001', 'bbbb00000002', 'bbbb00000003'].map((id, i) => md.indexOf(`### ${i + 1}. \`${id}\`: `));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain('### 2. `bbbb00000002`: clean up customer');
    expect(md).toContain('file: `0002_bbbb00000002_clean_up_customer.sql`');
    expect(md).toContain('rollback: `0002_bbbb00000002_clean_up_customer.rollback.sql`');
    expect(md).toContain('revision file: `migrations/versions/b2.ts`');
    expect(md).toContain('# Change review: upgrade base:head (CHG-7)');
  });

  it('says what each revision creates, alters and drops, from the recorded ops and the model', () => {
    const r1 = md.slice(md.indexOf('### 1.'), md.indexOf('### 2.'));
    expect(r1).toContain('tables created: `customer`, `audit_log`');
    expect(r1).toContain('create table customer (id, name, legacy_code)');
    const r2 = md.slice(md.indexOf('### 2.'), md.indexOf('### 3.'));
    expect(r2).toContain('tables altered: `customer`');
    expect(r2).toContain('**DESTRUCTIVE** drop column customer.legacy_code (VARCHAR(8))');
    // the old type comes from the schema model, not from the revision
    expect(r2).toContain('**DESTRUCTIVE** change the type of customer.name from VARCHAR(40) to VARCHAR(80)');
    expect(r2).toContain('set NOT NULL on customer.name');
    expect(r2).toContain('create unique index ix_customer_name on customer (name)');
    expect(r2).toContain('insert 2 rows into customer');
    expect(r2).toMatch(/\*\*DESTRUCTIVE\*\* raw SQL: DELETE FROM audit_log .*\(raw SQL with DELETE\)/);
    expect(r2).toMatch(/\*\*DESTRUCTIVE\*\* raw SQL: TRUNCATE audit_log \(raw SQL with TRUNCATE\)/);
    // a keyword inside a string literal is not a destructive statement
    expect(r2).toMatch(/\n {2}- raw SQL: SELECT 'drop table is only text here' AS note\n/);
    const r3 = md.slice(md.indexOf('### 3.'), md.indexOf('## Validation'));
    expect(r3).toContain('tables dropped: `audit_log`');
    expect(r3).toContain('**DESTRUCTIVE** drop table audit_log (id, line)');
  });

  it('puts every destructive operation first, with the rollback\'s own data loss', () => {
    const d = section(md, 'Destructive operations');
    expect(d).toContain('**5 destructive operation(s).**');
    expect(d.match(/^- \*\*DESTRUCTIVE\*\* step \d/gm)).toHaveLength(5);
    expect(d).toContain('step 3, `bbbb00000003`: drop table audit_log');
    // rolling back revision 1 drops both tables; revision 2's rollback changes the type back
    expect(d).toContain('Rolling back would lose data too');
    expect(d).toContain('step 1, `bbbb00000001`: drop table customer');
    expect(d).toContain('step 2, `bbbb00000002`: change the type of customer.name from VARCHAR(80) to VARCHAR(40)');
  });

  it('says "not validated" when no engine result is given', () => {
    expect(section(md, 'Validation')).toContain('Not validated');
  });

  it('lists every SQL file with its sha256, as the manifest does', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(tmp, 'b', 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    const files = section(md, 'Files');
    for (const f of manifest.files.filter((x) => x.path !== 'REVIEW.md')) expect(files).toContain(`| \`${f.path}\` |`), expect(files).toContain(f.sha256);
  });

  it('is deterministic', async () => {
    const again = path.join(tmp, 'b-again');
    expect((await gensql(['upgrade', 'base:head', '--no-validate', '--with-rollback', '--tag', 'CHG-7', '--out-dir', again], { cwd })).code).toBe(0);
    expect(fs.readFileSync(path.join(again, 'REVIEW.md'), 'utf8')).toBe(md);
  });
});

describe('validation results and templates', () => {
  it('renders the validation result of each engine when the caller passes it', async () => {
    const project = await openProject({ cwd: EXAMPLES });
    const rendered = await renderRange(project, { direction: 'upgrade', range: 'base:heads', dialect: 'postgresql', transactionPerMigration: false });
    const dir = path.join(tmp, 'validated');
    const logs: string[] = [];
    let stdout = '';
    await writeResult(project, rendered, {
      outDir: dir,
      withRollback: false,
      format: false,
      validation: [
        { engine: 'pglite', checked: 25, notChecked: 0 },
        { engine: 'model', checked: 14, notChecked: 2 },
      ],
      stdout: async (t) => {
        stdout += t;
      },
      log: (l) => logs.push(l),
    });
    expect(stdout).toBe('');
    const v = section(fs.readFileSync(path.join(dir, 'REVIEW.md'), 'utf8'), 'Validation');
    expect(v).toContain('| pglite | 25 | 0 |');
    expect(v).toContain('| model | 14 | 2 |');
    expect(v).not.toContain('Not validated');
    expect(logs.join('\n')).toContain(`wrote ${dir}`);
  });

  it('uses a team template from --review-template, with the same data', async () => {
    const tpl = path.join(tmp, 'ticket.hbs');
    fs.writeFileSync(
      tpl,
      [
        'TICKET {{#if tag}}{{tag}}{{else}}untagged{{/if}}: {{title}} on {{dialect}}',
        '{{#each revisions}}',
        '{{seq}} {{id}} {{messageLine}} -> {{file}}{{#if destructiveCount}} [{{destructiveCount}} destructive]{{/if}}',
        '{{/each}}',
        "literal <b>&'\"</b> stays as written",
      ].join('\n'),
    );
    const dir = path.join(tmp, 'ticket');
    const r = await gensql(['upgrade', 'base:head', '--no-validate', '--tag', 'CHG-9', '--out-dir', dir, '--review-template', tpl], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'REVIEW.md'), 'utf8')).toBe(
      [
        'TICKET CHG-9: upgrade base:head on postgresql',
        '1 bbbb00000001 create tables -> 0001_bbbb00000001_create_tables.sql',
        '2 bbbb00000002 clean up customer -> 0002_bbbb00000002_clean_up_customer.sql [4 destructive]',
        '3 bbbb00000003 drop audit log -> 0003_bbbb00000003_drop_audit_log.sql [1 destructive]',
        "literal <b>&'\"</b> stays as written",
        '',
      ].join('\n'),
    );
    expect((await gensql(['verify', dir])).code).toBe(0);
    const missing = await gensql(['upgrade', 'base:head', '--no-validate', '--out-dir', path.join(tmp, 'x'), '--review-template', path.join(tmp, 'nope.hbs')], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.hbs');
    expect(fs.existsSync(path.join(tmp, 'x'))).toBe(false);
  });
});
