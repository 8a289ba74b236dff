/**
 * JSON shapes of the inspection commands and their text on the branching
 * example. (Text parity with Alembic's history/heads/branches/show on five
 * graphs: alembic-graphs.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { GensqlError } from '../../src/errors.js';
import {
  describeBranches,
  describeHeads,
  describeHistory,
  describeShow,
  formatBranches,
  formatHeads,
  formatHistory,
  revisionInfo,
} from '../../src/revision/describe.js';
import { RevisionGraph } from '../../src/revision/graph.js';
import { branching } from './helpers.js';

const graph = RevisionGraph.build(branching);

describe('inspection output', () => {
  it('describes one revision as JSON-ready data', () => {
    expect(revisionInfo(graph, 'oooo20000002')).toEqual({
      id: 'oooo20000002',
      downRevisions: ['oooo10000001'],
      dependsOn: ['bbbb00000002'],
      branchLabels: ['other'],
      message: 'rev oooo20000002',
      file: 'versions/oooo20000002.py',
      isHead: true,
      isBase: false,
      isBranchPoint: false,
      isMergePoint: false,
    });
    expect(revisionInfo(graph, 'mmmm00000004')).toMatchObject({ isMergePoint: true, branchLabels: ['feature'] });
    expect(() => revisionInfo(graph, 'nope')).toThrow(GensqlError);
  });

  it('history: newest first, in Alembic order, text like Alembic', () => {
    expect(describeHistory(graph).map((r) => r.id)).toEqual([
      'dddd00000005',
      'mmmm00000004',
      'cccc1000003a',
      'oooo20000002',
      'oooo10000001',
      'cccc2000003b',
      'bbbb00000002',
      'aaaa00000001',
    ]);
    const lines = formatHistory(graph).split('\n');
    expect(lines[0]).toBe('mmmm00000004 -> dddd00000005 (feature) (head), rev dddd00000005');
    expect(lines).toContain('bbbb00000002 -> cccc1000003a (feature), rev cccc1000003a');
    expect(lines).toContain('oooo10000001 (bbbb00000002) -> oooo20000002 (other) (head), rev oooo20000002');
    expect(lines).toContain('<base> -> aaaa00000001, rev aaaa00000001');
  });

  it('history -r selects as Alembic walk_revisions', () => {
    expect(describeHistory(graph, 'bbbb00000002:mmmm00000004').map((r) => r.id)).toEqual([
      'mmmm00000004',
      'cccc1000003a',
      'cccc2000003b',
      'bbbb00000002',
    ]);
    // the dependency's line is part of other's history, as in Alembic
    expect(describeHistory(graph, 'other@base:other@head').map((r) => r.id)).toEqual(['oooo20000002', 'oooo10000001', 'bbbb00000002', 'aaaa00000001']);
    expect(() => describeHistory(graph, 'cccc1000003a:cccc2000003b')).toThrow(/does not refer to ancestor\/descendant revisions/);
    expect(() => describeHistory(graph, 'bbbb00000002')).toThrow(/History range requires/);
  });

  it('heads, branches, show', () => {
    expect(describeHeads(graph).map((r) => r.id)).toEqual(['dddd00000005', 'oooo20000002']);
    expect(formatHeads(graph)).toBe('dddd00000005 (feature) (head)\noooo20000002 (other) (head)\n');
    expect(describeBranches(graph)).toEqual([expect.objectContaining({ id: 'bbbb00000002', branchesInto: ['cccc1000003a', 'cccc2000003b'] })]);
    expect(formatBranches(graph)).toBe('bbbb00000002 (branchpoint)\n             -> cccc1000003a (feature)\n             -> cccc2000003b\n\n');
    expect(describeShow(graph, 'heads').map((r) => r.id)).toEqual(['dddd00000005', 'oooo20000002']);
    expect(describeShow(graph, 'base')).toEqual([]);
  });

  it('serializes to plain JSON', () => {
    const json = JSON.parse(JSON.stringify(describeHistory(graph))) as unknown[];
    expect(json).toHaveLength(8);
  });
});
