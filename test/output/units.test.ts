/**
 * The small pure pieces of the bundle: file-name slugs, inverse
 * version-table changes, manifest text and checks.
 */
import { describe, expect, it } from 'vitest';
import { rowsText, slug } from '../../src/output/bundle.js';
import { manifestText, parseManifest, safeRelative, sha256, type Manifest } from '../../src/output/manifest.js';
import { inverseChanges, inverseStep } from '../../src/output/steps.js';

describe('slug', () => {
  it('makes lowercase ASCII words from the first line of a message', () => {
    expect(slug('create user table')).toBe('create_user_table');
    expect(slug('Add  Ünïcode—column (café)!\nsecond line')).toBe('add_unicode_column_cafe');
    expect(slug('  --- ')).toBe('');
    expect(slug('a'.repeat(30) + ' ' + 'b'.repeat(30))).toBe(`${'a'.repeat(30)}_${'b'.repeat(9)}`);
    expect(slug(`${'x'.repeat(39)} y`)).toBe('x'.repeat(39)); // no trailing underscore after the cut
  });
  it('writes base for no rows', () => {
    expect(rowsText([])).toBe('base');
    expect(rowsText(['a', 'b'])).toBe('a,b');
  });
});

describe('inverse version-table changes', () => {
  it('swaps insert and delete, reverses updates and their order', () => {
    // a merge: delete one parent's row, update the other to the merge
    expect(
      inverseChanges([
        { kind: 'delete', rev: 'A' },
        { kind: 'update', from: 'B', to: 'M' },
      ]),
    ).toEqual([
      { kind: 'update', from: 'M', to: 'B' },
      { kind: 'insert', rev: 'A' },
    ]);
    expect(inverseChanges([{ kind: 'insert', rev: 'X' }])).toEqual([{ kind: 'delete', rev: 'X' }]);
  });
  it('turns a step around: direction, sides, and expected rows', () => {
    const step = { direction: 'upgrade' as const, revision: 'M', from: ['A', 'B'], to: ['M'], versionChanges: [{ kind: 'update' as const, from: 'B', to: 'M' }], headsBefore: ['A', 'B'], headsAfter: ['M'] };
    expect(inverseStep(step)).toEqual({ direction: 'downgrade', revision: 'M', from: ['M'], to: ['A', 'B'], versionChanges: [{ kind: 'update', from: 'M', to: 'B' }], headsBefore: ['M'], headsAfter: ['A', 'B'] });
    expect(inverseStep(inverseStep(step))).toEqual(step);
  });
});

describe('manifest', () => {
  const m: Manifest = {
    format: 'gensql-bundle/1',
    gensql: '0.1.0',
    dialect: 'postgresql',
    direction: 'upgrade',
    range: 'base:head',
    tag: null,
    start: [],
    end: ['a'],
    formatted: false,
    transactionPerMigration: false,
    files: [{ path: '0001_a.sql', kind: 'step', from: [], to: ['a'], revisions: ['a'], message: 'm "q"', statements: 3, sha256: sha256('x') }],
  };
  it('is stable text that parses back to the same data', () => {
    const text = manifestText(m);
    expect(text).toBe(manifestText(JSON.parse(text) as Manifest));
    expect(JSON.parse(text)).toEqual(m);
    expect(text).toContain('"to": ["a"]');
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'gensql', 'dialect', 'direction', 'range', 'tag', 'start', 'end', 'formatted', 'transactionPerMigration', 'files']);
    expect(parseManifest(text, 'm.json')).toEqual(m);
  });
  it('refuses paths outside the bundle and duplicate entries', () => {
    for (const p of ['../x', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b', '', 'a//b']) expect(safeRelative(p), p).toBe(false);
    for (const p of ['a.sql', 'sub/a.sql']) expect(safeRelative(p), p).toBe(true);
    const dup = { ...m, files: [m.files[0]!, m.files[0]!] };
    expect(() => parseManifest(JSON.stringify(dup), 'm.json')).toThrow(/listed twice/);
    expect(() => parseManifest(JSON.stringify({ ...m, format: 'other' }), 'm.json')).toThrow(/not a gensql bundle manifest/);
  });
});
