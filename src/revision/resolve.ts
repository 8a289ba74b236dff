/**
 * Revision identifiers, resolved as Alembic's RevisionMap resolves them
 * (`_resolve_revision_number`, `_revision_for_ident`, `get_revisions`,
 * `_walk`, `_parse_upgrade_target`, `_parse_downgrade_target`).
 *
 * Grammar (SPEC 3):
 *   full id | id prefix (4+ chars) | branch label | head | heads | base
 *   LABEL@head | LABEL@heads | LABEL@base | LABEL@<rev>
 *   [LABEL@][SYMBOL](+|-)N      relative: +N, -N, head-N, ID+N, LABEL@+N ...
 * Resolved revisions are graph indices; base is the empty list.
 *
 * Where gensql is stricter than Alembic: a prefix needs 4+ characters and
 * only matches revision ids (Alembic also matches labels, and shorter
 * prefixes of long ids); a relative form must be the whole argument
 * (Alembic ignores trailing text); `-N` from several revisions is an error
 * (Alembic warns and picks the first).
 */
import { type GensqlError, usageError } from '../errors.js';
import type { RevisionGraph } from './graph.js';

/** result of a walk: a revision, 'base' (walked down past a root), or null (walked off the graph) */
export type WalkResult = number | 'base' | null;

export interface RelativeIdent {
  readonly label: string | null;
  readonly symbol: string | null;
  readonly steps: number;
  /** the `+N`/`-N` part as written */
  readonly text: string;
}

const RELATIVE_RE = /^(?:(.+?)@)?(\w+)?([+-]\d+)$/;

export function parseRelative(ident: string): RelativeIdent | null {
  const m = RELATIVE_RE.exec(ident);
  if (!m) return null;
  return { label: m[1] ?? null, symbol: m[2] ?? null, steps: Number.parseInt(m[3], 10), text: m[3] };
}

export function cantLocate(ident: string): GensqlError {
  return usageError(`Can't locate revision identified by '${ident}'`);
}

function relativeError(text: string, steps: number): GensqlError {
  return usageError(`Relative revision ${text} didn't produce ${Math.abs(steps)} migrations`);
}

export class Resolver {
  private readonly lineageCache = new Map<number, Uint8Array>();

  constructor(readonly graph: RevisionGraph) {}

  /** Alembic `get_revisions`: every revision an identifier names (base: none). */
  revisions(ident: string): number[] {
    const rel = parseRelative(ident);
    if (rel) return this.relativeRevisions(ident, rel);
    const r = this.resolveNumber(ident);
    if (r.revs !== null) return r.revs;
    return [this.revisionForIdent(r.token, r.label)];
  }

  /** Alembic `get_revision`: one revision or null for base; several heads is an error. */
  revision(ident: string): number | null {
    const r = this.resolveNumber(ident);
    if (r.revs === null) return this.revisionForIdent(r.token, r.label);
    if (r.revs.length > 1) throw this.multipleHeads(ident, r.revs);
    return r.revs[0] ?? null;
  }

  /**
   * The FROM of a range: any form, possibly several revisions (`heads`,
   * `LABEL@heads`, a comma list `a,b`), which Alembic's offline mode refuses. A bare `+N` counts from base; a
   * bare `-N` has nothing to count from.
   */
  start(ident: string): number[] {
    // a comma list names the version rows of a database at several revisions (`a,b:c`)
    if (ident.includes(',')) {
      const parts = ident.split(',').map((p) => p.trim());
      if (parts.some((p) => p === '')) throw usageError(`the start of a range '${ident}' has an empty item`);
      return [...new Set(parts.flatMap((p) => this.start(p)))];
    }
    const rel = parseRelative(ident);
    if (!rel) return [...new Set(this.revisions(ident))];
    if (rel.steps > 0) return this.upgradeTarget(ident, []);
    if (rel.symbol === null) {
      throw usageError(`the start of a range can't be '${ident}': there is nothing to count back from (write head${rel.text} or REV${rel.text})`);
    }
    const t = this.downgradeTarget(ident, []).target;
    return t === null ? [] : [t];
  }

  /** Alembic `_parse_upgrade_target`: where `upgrade current:target` goes (base: none). */
  upgradeTarget(target: string, current: readonly number[], noOverwalk = true): number[] {
    const rel = parseRelative(target);
    if (!rel) return this.revisions(target);
    const { label, symbol, steps, text } = rel;
    if (steps > 0) {
      if (symbol === null) {
        let from: (number | null)[] = current.length > 0 ? [...current] : [null];
        if (label !== null) {
          let onBranch = this.filterForLineage(current, label);
          if (onBranch.length === 0) {
            // the branch is not among the current revisions: start from its tips below them
            const below = maskList(this.graph.ancestorMask(current));
            const active = this.filterForLineage(below, label);
            const downs = new Set(active.flatMap((a) => this.graph.normDown[a]));
            onBranch = active.filter((a) => !downs.has(a));
          }
          from = onBranch.length > 0 ? onBranch : [null];
        }
        if (from.length > 1) {
          throw usageError(`Ambiguous upgrade from multiple current revisions (${this.names(from)}); name the branch, e.g. LABEL@${text}`);
        }
        const r = this.walk(from[0], steps, label, noOverwalk);
        if (r === null || r === 'base') throw relativeError(text, steps);
        return [r];
      }
      const r = this.walk(this.revision(symbol), steps, label, noOverwalk);
      if (r === null || r === 'base') throw relativeError(text, steps);
      return [r];
    }
    if (symbol === null) throw relativeError(text, steps);
    const r = this.walk(this.revision(label !== null ? `${label}@${symbol}` : symbol), steps, null, noOverwalk);
    if (r === null) throw relativeError(text, steps);
    return r === 'base' ? [] : [r];
  }

  /**
   * Alembic `_parse_downgrade_target`: the destination of `downgrade
   * current:target` (null = base) and the branch label that narrows it.
   */
  downgradeTarget(target: string, current: readonly number[], noOverwalk = true): { label: string | null; target: number | null } {
    const rel = parseRelative(target);
    if (!rel) {
      const at = target.lastIndexOf('@');
      const label = at > 0 ? target.slice(0, at) : null;
      return { label, target: this.revision(at >= 0 ? target.slice(at + 1) : target) };
    }
    const { label, symbol, steps, text } = rel;
    if (steps >= 0) {
      if (symbol === null) throw relativeError(text, steps);
      const r = this.walk(this.revision(symbol), steps, label, noOverwalk);
      if (r === null) throw usageError(`Walked too far: ${target} goes past the last revision`);
      return { label, target: r === 'base' ? null : r };
    }
    let sym = symbol;
    let lab = label;
    if (symbol === null) {
      if (label !== null) {
        let onBranch = this.filterForLineage(current, label);
        if (onBranch.length === 0) onBranch = this.filterForLineage(this.allCurrent(current), label);
        if (onBranch.length !== 1) {
          throw usageError(`Relative revision ${target} is ambiguous: branch '${label}' is at ${this.names(onBranch) || 'no revision'}`);
        }
        sym = this.graph.idOf(onBranch[0]);
      } else {
        if (current.length === 0) throw relativeError(text, steps);
        if (new Set(current).size > 1) {
          throw usageError(`Relative revision ${text} is ambiguous from several revisions (${this.names(current)}); write LABEL@${text} or REV${text}`);
        }
        sym = this.graph.idOf(current[0]);
        lab = sym; // as Alembic: narrow the downgrade to that revision's own line
      }
    }
    const r = this.walk(this.revision(lab !== null ? `${lab}@${sym}` : (sym as string)), steps, null, noOverwalk);
    if (r === null) {
      throw symbol === null ? relativeError(text, steps) : usageError(`Walked too far: ${target} goes below base`);
    }
    return { label: lab, target: r === 'base' ? null : r };
  }

  /**
   * Alembic `_walk`: `steps` up (children, narrowed to a label's lineage)
   * or down (down revisions). Up from null starts at the bases; down from
   * null starts at the heads. Overwalking returns null with `noOverwalk`,
   * else the walk stops where it is.
   */
  walk(start: WalkResult, steps: number, label: string | null, noOverwalk: boolean): WalkResult {
    let cur = start;
    const g = this.graph;
    for (let k = 0; k < Math.abs(steps); k++) {
      let options: (number | 'base')[];
      if (steps > 0) {
        const up = cur === null || cur === 'base' ? g.baseIndices() : g.next[cur];
        options = label !== null ? this.filterForLineage(up, label) : [...up];
      } else if (cur === 'base') {
        options = [];
      } else {
        const down = cur === null ? g.headIndices() : g.down[cur];
        options = down.length > 0 ? [...down] : ['base'];
      }
      if (options.length === 0) return noOverwalk ? null : cur;
      if (options.length > 1) {
        const from = cur === null || cur === 'base' ? 'base' : g.idOf(cur);
        const what = steps > 0 ? 'goes up to' : 'goes down to';
        throw usageError(`Ambiguous walk: ${from} ${what} ${this.names(options)}; name the branch (LABEL@...) or a revision`);
      }
      cur = options[0];
    }
    return cur;
  }

  /** Alembic `filter_for_lineage`: targets that are ancestors or descendants of what `against` names. */
  filterForLineage(targets: readonly number[], against: string, includeDependencies = false): number[] {
    const r = this.resolveNumber(against);
    const shares: number[] = [];
    if (r.label !== null) shares.push(this.revisionForIdent(r.label, null));
    if (r.revs !== null) shares.push(...r.revs);
    else shares.push(this.revisionForIdent(r.token, null));
    if (shares.length === 0) return [...targets];
    const mask = includeDependencies || shares.length > 1 ? this.graph.lineageMask(shares, includeDependencies) : this.lineage(shares[0]);
    return targets.filter((t) => mask[t] === 1);
  }

  /** Alembic `_resolve_branch`: a label, an id, or an id prefix */
  resolveBranch(label: string): number {
    const g = this.graph;
    const direct = g.labelOwner(label);
    if (direct >= 0) return direct;
    const byId = g.indexOf(label);
    if (byId >= 0) return byId;
    try {
      return this.revisionForIdent(label, null);
    } catch {
      throw usageError(`No such branch: '${label}'`);
    }
  }

  /** Alembic `_get_all_current`: the versioned tips of the revisions and everything below them */
  allCurrent(current: readonly number[]): number[] {
    const mask = this.graph.ancestorMask(current);
    return maskList(mask).filter((i) => !this.graph.next[i].some((c) => mask[c] === 1));
  }

  names(revs: readonly (number | null | 'base')[]): string {
    return revs.map((r) => (r === null || r === 'base' ? 'base' : this.graph.idOf(r))).join(', ');
  }

  multipleHeads(argument: string, heads: readonly number[]): GensqlError {
    const at = argument.lastIndexOf('@');
    const idPart = at >= 0 ? argument.slice(at + 1) : argument;
    return usageError(
      `Multiple head revisions are present for given argument '${argument}'; please specify a specific target revision, ` +
        `'<branchname>@${idPart}' to narrow to a specific head, or 'heads' for all heads (heads: ${this.names(heads)})`,
    );
  }

  // ---- internals -------------------------------------------------------

  /** Alembic `_resolve_revision_number`: symbols resolved, anything else left as a token */
  private resolveNumber(ident: string): { revs: number[]; token: null; label: string | null } | { revs: null; token: string; label: string | null } {
    let label: string | null = null;
    let id = ident;
    const at = ident.indexOf('@');
    if (at >= 0) {
      label = ident.slice(0, at);
      id = ident.slice(at + 1);
      if (label === '' || id === '') throw cantLocate(ident);
    }
    const g = this.graph;
    if (id === 'heads') {
      return { revs: label !== null ? this.filterForLineage(g.headIndices(), label) : [...g.realHeadIndices()], token: null, label };
    }
    if (id === 'head') {
      const h = this.currentHead(label);
      return { revs: h === null ? [] : [h], token: null, label };
    }
    if (id === 'base') return { revs: [], token: null, label };
    if (id === '') throw cantLocate(ident);
    return { revs: null, token: id, label };
  }

  /** Alembic `get_current_head`: the single versioned head, narrowed to a label's lineage */
  private currentHead(label: string | null): number | null {
    let heads: readonly number[] = this.graph.headIndices();
    if (label !== null) heads = this.filterForLineage(heads, label);
    if (heads.length > 1) throw this.multipleHeads(label !== null ? `${label}@head` : 'head', heads);
    return heads[0] ?? null;
  }

  /** Alembic `_revision_for_ident`: exact id or label, else a unique prefix; checked against a branch */
  private revisionForIdent(token: string, checkBranch: string | null): number {
    const g = this.graph;
    const branch = checkBranch !== null ? this.resolveBranch(checkBranch) : -1;
    let rev = g.indexOf(token);
    if (rev < 0) rev = g.labelOwner(token);
    if (rev < 0) {
      if (token.length < 4) {
        throw usageError(`Can't locate revision identified by '${token}'; a partial revision id needs at least four characters`);
      }
      let candidates = g.idsWithPrefix(token).map((id) => g.indexOf(id));
      if (branch >= 0) {
        const mask = this.lineage(branch);
        candidates = candidates.filter((c) => mask[c] === 1);
      }
      if (candidates.length === 0) throw cantLocate(token);
      if (candidates.length > 1) {
        const files = candidates.map((c) => g.get(g.idOf(c))?.file ?? '').filter((f) => f !== '');
        throw usageError(`Multiple revisions start with '${token}': ${candidates.map((c) => `'${g.idOf(c)}'`).join(', ')}`, { files });
      }
      rev = candidates[0];
    }
    if (branch >= 0 && this.lineage(branch)[rev] !== 1) {
      throw usageError(`Revision ${g.idOf(rev)} is not a member of branch '${checkBranch}'`);
    }
    return rev;
  }

  /** lineage (no dependencies) of one revision, cached: label checks repeat it */
  private lineage(rev: number): Uint8Array {
    let mask = this.lineageCache.get(rev);
    if (!mask) {
      mask = this.graph.lineageMask([rev], false);
      this.lineageCache.set(rev, mask);
    }
    return mask;
  }

  /** get_revisions of a relative form outside a range */
  private relativeRevisions(ident: string, rel: RelativeIdent): number[] {
    if (rel.symbol === null && rel.steps < 0) {
      // Alembic: `-N` (or `LABEL@-N`) walks down from each head carrying the label
      const g = this.graph;
      const heads = g.realHeadIndices().filter((h) => rel.label === null || g.labelSetOf(h).has(rel.label));
      return heads.map((h) => {
        const r = this.walk(h, rel.steps, null, true);
        if (r === null) throw relativeError(rel.text, rel.steps);
        return r;
      }).filter((r): r is number => r !== 'base');
    }
    return this.start(ident);
  }
}

export function maskList(mask: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(i);
  return out;
}

/** `FROM:TO` split on the first `:`; FROM is null when there is no colon. */
export function splitRange(range: string): { from: string | null; to: string } {
  const i = range.indexOf(':');
  if (i < 0) {
    if (range === '') throw usageError('empty revision range');
    return { from: null, to: range };
  }
  const from = range.slice(0, i);
  const to = range.slice(i + 1);
  if (to.includes(':')) throw usageError(`a range has one ':' (FROM:TO), got '${range}'`);
  if (from === '' || to === '') throw usageError(`the range '${range}' needs both FROM and TO (e.g. base:head)`);
  return { from, to };
}

/** Resolve one identifier to revision ids (base: []), e.g. for `show`. */
export function resolveRevisions(graph: RevisionGraph, ident: string): string[] {
  return graph.ids(new Resolver(graph).revisions(ident));
}

/** Resolve an identifier that must name one revision (null = base); relative forms count from base or the heads. */
export function resolveRevision(graph: RevisionGraph, ident: string): string | null {
  const r = new Resolver(graph);
  if (parseRelative(ident) === null) {
    const one = r.revision(ident);
    return one === null ? null : graph.idOf(one);
  }
  const many = r.revisions(ident);
  if (many.length > 1) throw r.multipleHeads(ident, many);
  return many.length === 0 ? null : graph.idOf(many[0]);
}
