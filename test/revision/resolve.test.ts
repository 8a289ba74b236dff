/**
 * Identifier forms of SPEC 3 on the graph of the issue, and where gensql
 * is stricter than Alembic. (Parity with Alembic on ~7,000 identifier and
 * relative-target cases: alembic-graphs.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { GensqlError } from '../../src/errors.js';
import { RevisionGraph } from '../../src/revision/graph.js';
import { Resolver, parseRelative, resolveRevision, resolveRevisions, splitRange } from '../../src/revision/resolve.js';
import type { RevisionMeta } from '../../src/revision/types.js';

function rev(id: string, down: string[] = [], extra: Partial<RevisionMeta> = {}): RevisionMeta {
  return { id, downRevisions: down, dependsOn: [], branchLabels: [], message: `rev ${id}`, file: `versions/${id}.ts`, hasDowngrade: true, ...extra };
}

// base -> a -> (b1 'left' -> c1, b2 'right') -> m -> n; x (a second root) depends on b1
const graph = RevisionGraph.build([
  rev('a00000000001', ['ba5e00000000']),
  rev('b10000000002', ['a00000000001'], { branchLabels: ['left'] }),
  rev('b20000000003', ['a00000000001'], { branchLabels: ['right'] }),
  rev('ba5e00000000'),
  rev('c10000000004', ['b10000000002']),
  rev('m00000000005', ['c10000000004', 'b20000000003']),
  rev('n00000000006', ['m00000000005']),
  rev('x00000000007', [], { dependsOn: ['b10000000002'] }),
]);
const r = new Resolver(graph);
const ids = (xs: number[]): string[] => graph.ids(xs);
const err = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof GensqlError) {
      expect(e.exitCode).toBe(2);
      return e.message;
    }
    throw e;
  }
  throw new Error('expected an error');
};

describe('identifiers', () => {
  it('full ids, 4+ character prefixes and labels', () => {
    expect(resolveRevisions(graph, 'm00000000005')).toEqual(['m00000000005']);
    expect(resolveRevisions(graph, 'c100')).toEqual(['c10000000004']);
    expect(resolveRevisions(graph, 'left')).toEqual(['b10000000002']); // the revision declaring it
    expect(err(() => r.revisions('c10'))).toMatch(/at least four characters/);
    expect(err(() => r.revisions('b100x'))).toBe("Can't locate revision identified by 'b100x'");
  });

  it('an ambiguous prefix lists every candidate', () => {
    expect(err(() => r.revisions('b000'))).toMatch(/Can't locate/);
    const many = RevisionGraph.build([rev('abcd0001'), rev('abcd0002'), rev('abcd0003'), rev('abcd0004')]);
    expect(err(() => resolveRevisions(many, 'abcd'))).toBe(
      "Multiple revisions start with 'abcd': 'abcd0001', 'abcd0002', 'abcd0003', 'abcd0004'",
    );
  });

  it('head, heads, base', () => {
    expect(resolveRevisions(graph, 'heads')).toEqual(['n00000000006', 'x00000000007']);
    expect(resolveRevisions(graph, 'base')).toEqual([]);
    expect(resolveRevision(graph, 'base')).toBeNull();
    const message = err(() => r.revisions('head'));
    expect(message).toMatch(/^Multiple head revisions are present for given argument 'head'/);
    expect(message).toMatch(/heads: n00000000006, x00000000007/);
  });

  it('LABEL@head, LABEL@base, LABEL@rev', () => {
    expect(resolveRevisions(graph, 'left@head')).toEqual(['n00000000006']);
    expect(resolveRevisions(graph, 'right@heads')).toEqual(['n00000000006']);
    expect(resolveRevisions(graph, 'left@base')).toEqual([]);
    expect(resolveRevisions(graph, 'left@c100')).toEqual(['c10000000004']);
    expect(err(() => r.revisions('right@c10000000004'))).toBe("Revision c10000000004 is not a member of branch 'right'");
    expect(err(() => r.revisions('right@c100'))).toBe("Can't locate revision identified by 'c100'"); // prefixes only match on the branch
    expect(err(() => r.revisions('nope@head'))).toMatch(/Can't locate revision identified by 'nope'/);
  });
});

describe('relative forms', () => {
  const up = (target: string, current: string[] = []): string[] => ids(r.upgradeTarget(target, current.map((id) => graph.indexOf(id))));
  const down = (target: string, current: string[]): string | null => {
    const t = r.downgradeTarget(target, current.map((id) => graph.indexOf(id))).target;
    return t === null ? null : graph.idOf(t);
  };

  it('parses [LABEL@][SYMBOL](+|-)N as a whole argument', () => {
    expect(parseRelative('left@head-2')).toEqual({ label: 'left', symbol: 'head', steps: -2, text: '-2' });
    expect(parseRelative('+3')).toEqual({ label: null, symbol: null, steps: 3, text: '+3' });
    expect(parseRelative('a000+1x')).toBeNull(); // Alembic would ignore the trailing text
  });

  it('ID+N, ID-N, head-N, LABEL@+N, LABEL@head-N', () => {
    expect(err(() => up('a000+1'))).toMatch(/^Ambiguous walk/);
    expect(up('b100+2')).toEqual(['m00000000005']);
    expect(up('c100-2')).toEqual(['a00000000001']);
    expect(err(() => up('n000-2'))).toMatch(/^Ambiguous walk: m00000000005 goes down to/); // through the merge
    expect(up('left@head-1')).toEqual(['m00000000005']);
    expect(up('left@+2', ['a00000000001'])).toEqual(['c10000000004']);
    expect(down('-1', ['n00000000006'])).toBe('m00000000005');
    expect(down('ba5e+1', [])).toBe('a00000000001');
    expect(down('a000-1', [])).toBe('ba5e00000000');
    expect(down('ba5e-1', [])).toBe(null); // base
  });

  it('errors for walks that cannot be done', () => {
    expect(err(() => up('-1', ['a00000000001']))).toBe("Relative revision -1 didn't produce 1 migrations");
    expect(err(() => down('+1', ['a00000000001']))).toBe("Relative revision +1 didn't produce 1 migrations");
    expect(err(() => down('-5', ['b10000000002']))).toMatch(/Relative revision -5/);
    expect(err(() => up('n000+1'))).toMatch(/Relative revision \+1/);
    expect(err(() => down('-1', ['n00000000006', 'x00000000007']))).toMatch(/ambiguous from several revisions/);
  });

  it('a range start may be any form, several revisions included', () => {
    expect(ids(r.start('heads'))).toEqual(['n00000000006', 'x00000000007']);
    expect(ids(r.start('n000-1'))).toEqual(['m00000000005']);
    expect(ids(r.start('ba5e+1'))).toEqual(['a00000000001']);
    expect(ids(r.start('base'))).toEqual([]);
    expect(err(() => r.start('-1'))).toMatch(/nothing to count back from/);
  });
});

describe('ranges', () => {
  it('splits FROM:TO on the first colon; TO alone has no FROM', () => {
    expect(splitRange('base:head')).toEqual({ from: 'base', to: 'head' });
    expect(splitRange('heads')).toEqual({ from: null, to: 'heads' });
    expect(() => splitRange('a:b:c')).toThrow(GensqlError);
    expect(() => splitRange(':head')).toThrow(/needs both FROM and TO/);
    expect(() => splitRange('')).toThrow(GensqlError);
  });
});
