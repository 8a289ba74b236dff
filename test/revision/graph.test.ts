import { describe, expect, it } from 'vitest';
import { GensqlError } from '../../src/errors.js';
import { RevisionGraph } from '../../src/revision/graph.js';
import type { RevisionMeta } from '../../src/revision/types.js';

function rev(id: string, down: string[] = [], extra: Partial<RevisionMeta> = {}): RevisionMeta {
  return { id, downRevisions: down, dependsOn: [], branchLabels: [], message: `rev ${id}`, file: `versions/${id}.ts`, hasDowngrade: true, ...extra };
}

function buildError(revs: RevisionMeta[]): GensqlError {
  try {
    RevisionGraph.build(revs);
  } catch (e) {
    if (e instanceof GensqlError) return e;
    throw e;
  }
  throw new Error('expected the build to fail');
}

/** the graph of the issue: base -> a -> (b1 'left', b2 'right') -> m, and x depending on b1 */
const issue = [
  rev('a0000001', ['base0000']),
  rev('b1000002', ['a0000001'], { branchLabels: ['left'] }),
  rev('b2000003', ['a0000001'], { branchLabels: ['right'] }),
  rev('base0000'),
  rev('m0000004', ['b1000002', 'b2000003']),
  rev('x0000005', [], { dependsOn: ['left'] }),
];

describe('RevisionGraph.build validation', () => {
  it('rejects a bad revision id, naming the file', () => {
    for (const id of ['has-dash', 'a'.repeat(33), '', 'head', 'héllo']) {
      const e = buildError([rev(id)]);
      expect(e.exitCode).toBe(2);
      expect(e.context.files).toEqual([`versions/${id}.ts`]);
    }
    expect(() => RevisionGraph.build([rev('a'.repeat(32)), rev('Ab_9', ['a'.repeat(32)])])).not.toThrow();
  });

  it('rejects a duplicate id, naming both files', () => {
    const e = buildError([rev('aaaa0001'), { ...rev('aaaa0001'), file: 'other/aaaa0001.ts' }]);
    expect(e.message).toMatch(/duplicate revision id 'aaaa0001'/);
    expect(e.context.files).toEqual(['versions/aaaa0001.ts', 'other/aaaa0001.ts']);
  });

  it('rejects an unknown down revision or dependency, naming the file', () => {
    const down = buildError([rev('aaaa0001'), rev('bbbb0002', ['nope0000'])]);
    expect(down.message).toMatch(/unknown down revision 'nope0000'/);
    expect(down.context.files).toEqual(['versions/bbbb0002.ts']);
    const dep = buildError([rev('aaaa0001'), rev('bbbb0002', ['aaaa0001'], { dependsOn: ['zzzz'] })]);
    expect(dep.message).toMatch(/depends on 'zzzz'/);
    expect(dep.context.files).toEqual(['versions/bbbb0002.ts']);
  });

  it('resolves dependsOn given as id, label or unique 4+ character prefix', () => {
    const g = RevisionGraph.build([
      rev('aaaa0001', [], { branchLabels: ['first'] }),
      rev('bbbb0002'),
      rev('cccc0003', [], { dependsOn: ['first', 'bbbb'] }),
    ]);
    expect(g.dependencies('cccc0003')).toEqual(['aaaa0001', 'bbbb0002']);
    const ambiguous = buildError([rev('aaaa0001'), rev('aaaa0002'), rev('cccc0003', [], { dependsOn: ['aaaa'] })]);
    expect(ambiguous.message).toMatch(/ambiguous: 'aaaa0001', 'aaaa0002'/);
  });

  it('rejects cycles, naming the files on the cycle', () => {
    const e = buildError([rev('aaaa0001', ['cccc0003']), rev('bbbb0002', ['aaaa0001']), rev('cccc0003', ['bbbb0002']), rev('dddd0004', ['cccc0003'])]);
    expect(e.message).toMatch(/cycle/);
    expect([...(e.context.files ?? [])].sort()).toEqual(['versions/aaaa0001.ts', 'versions/bbbb0002.ts', 'versions/cccc0003.ts']);
    const self = buildError([rev('aaaa0001', ['aaaa0001'])]);
    expect(self.context.files).toEqual(['versions/aaaa0001.ts']);
    const viaDependency = buildError([rev('aaaa0001', [], { dependsOn: ['bbbb0002'] }), rev('bbbb0002', ['aaaa0001'])]);
    expect([...(viaDependency.context.files ?? [])].sort()).toEqual(['versions/aaaa0001.ts', 'versions/bbbb0002.ts']);
  });

  it('rejects duplicate branch labels and a label that is a revision id', () => {
    const dup = buildError([rev('aaaa0001', [], { branchLabels: ['x'] }), rev('bbbb0002', [], { branchLabels: ['x'] })]);
    expect(dup.message).toMatch(/branch label 'x'/);
    expect(dup.context.files).toEqual(['versions/aaaa0001.ts', 'versions/bbbb0002.ts']);
    const id = buildError([rev('aaaa0001'), rev('bbbb0002', [], { branchLabels: ['aaaa0001'] })]);
    expect(id.message).toMatch(/is the id of revision aaaa0001/);
    expect(id.context.files).toEqual(['versions/aaaa0001.ts', 'versions/bbbb0002.ts']);
    for (const bad of ['heads', 'a@b', 'v-2', 'x+1', 'with space']) {
      expect(() => RevisionGraph.build([rev('aaaa0001', [], { branchLabels: [bad] })]), bad).toThrow(GensqlError);
    }
  });

  it('accepts an empty history', () => {
    const g = RevisionGraph.build([]);
    expect(g.heads()).toEqual([]);
    expect(g.bases()).toEqual([]);
  });
});

describe('RevisionGraph queries', () => {
  const g = RevisionGraph.build(issue);

  it('keeps insertion order', () => {
    expect(g.all().map((r) => r.id)).toEqual(issue.map((r) => r.id));
    expect(g.get('m0000004')?.file).toBe('versions/m0000004.ts');
    expect(g.get('nope')).toBeUndefined();
  });

  it('knows heads and bases, with and without dependencies', () => {
    expect(g.heads()).toEqual(['m0000004', 'x0000005']);
    expect(g.realHeads()).toEqual(['m0000004', 'x0000005']);
    expect(g.bases()).toEqual(['base0000', 'x0000005']);
    expect(g.realBases()).toEqual(['base0000']);
  });

  it('walks ancestors and descendants', () => {
    expect(g.ancestors(['b1000002'])).toEqual(['a0000001', 'b1000002', 'base0000']);
    expect(g.ancestors(['x0000005'])).toEqual(['a0000001', 'b1000002', 'base0000', 'x0000005']);
    expect(g.ancestors(['x0000005'], { includeDependencies: false })).toEqual(['x0000005']);
    expect(g.descendants(['b2000003'])).toEqual(['b2000003', 'm0000004']);
    expect(g.descendants(['b1000002'])).toEqual(['b1000002', 'm0000004', 'x0000005']);
  });

  it('marks branch points and merge points', () => {
    expect(g.isBranchPoint(g.indexOf('a0000001'))).toBe(true);
    expect(g.isMergePoint(g.indexOf('m0000004'))).toBe(true);
    expect(g.isRealBranchPoint(g.indexOf('b1000002'))).toBe(true); // m and, by dependency, x
    expect(g.children('a0000001')).toEqual(['b1000002', 'b2000003']);
  });

  it('propagates labels to descendants, and down a straight stem only', () => {
    expect(g.branchLabels('m0000004')).toEqual(['left', 'right']);
    expect(g.branchLabels('b1000002')).toEqual(['left']);
    expect(g.branchLabels('a0000001')).toEqual([]); // a is a branch point: labels stop above it
    const stem = RevisionGraph.build([rev('aaaa0001'), rev('bbbb0002', ['aaaa0001']), rev('cccc0003', ['bbbb0002'], { branchLabels: ['tip'] })]);
    expect(stem.branchLabels('aaaa0001')).toEqual(['tip']);
  });

  it('finds ids by prefix', () => {
    expect(g.idsWithPrefix('b')).toEqual(['b1000002', 'b2000003', 'base0000']);
    expect(g.idsWithPrefix('zz')).toEqual([]);
  });
});
