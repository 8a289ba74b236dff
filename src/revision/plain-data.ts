/**
 * Plain data, serialized with node:v8 so that it comes back exactly: what
 * recorded ops are made of (objects, arrays, strings, numbers, booleans,
 * null, undefined, bigint, Date), with sql`` fragments and identifiers
 * (symbol-branded, frozen) and properties under registered symbols kept.
 * Used by the op cache (op-cache.ts) and the render cache
 * (src/render-cache.ts).
 */
import v8 from 'node:v8';
import { IDENT_BRAND, SQL_BRAND } from '../record/types.js';

/** A brand, as stored: an own string key no recorded op uses. */
const TAG = '\u0000gensql';

class NotPlainData extends Error {}

/**
 * A copy of recorded ops that node:v8 round-trips exactly, with sql``
 * fragments and identifiers (symbol-branded), and properties under
 * registered symbols (`Symbol.for`: the notes raw DDL leaves on ops, see
 * src/model/ddl/notes.ts), as tagged objects, each also listed in `tagged`;
 * throws NotPlainData for anything else. Shared objects stay shared, so the
 * decoded ops have the same shape of references.
 */
function encodeValue(v: unknown, seen: Map<object, unknown>, onPath: Set<object>, tagged: object[]): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'function' || typeof v === 'symbol') throw new NotPlainData();
    return v;
  }
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (onPath.has(v)) throw new NotPlainData(); // a cycle
  onPath.add(v);
  const enc = (x: unknown): unknown => encodeValue(x, seen, onPath, tagged);
  let out: unknown;
  const proto: unknown = Object.getPrototypeOf(v);
  if (v instanceof Date && proto === Date.prototype) {
    out = v;
  } else if (Array.isArray(v) && proto === Array.prototype) {
    if (Object.keys(v).length !== v.length || Object.getOwnPropertySymbols(v).length > 0) throw new NotPlainData(); // holes or extra properties
    out = v.map(enc);
  } else if (proto === Object.prototype) {
    const record = v as Record<string | symbol, unknown>;
    const symbols = Object.getOwnPropertySymbols(v);
    const names = Object.getOwnPropertyNames(v);
    // the tags would be mistaken for brands; an own __proto__ would become a prototype when copied
    if (names.some((n) => n.startsWith(TAG)) || names.includes('__proto__')) throw new NotPlainData();
    const own = (k: string | symbol): unknown => {
      const d = Object.getOwnPropertyDescriptor(v, k)!;
      if (!('value' in d) || !d.enumerable) throw new NotPlainData(); // accessors and hidden properties do not round-trip
      return d.value;
    };
    if (symbols.length === 1 && symbols[0] === SQL_BRAND && record[SQL_BRAND] === true && sameKeys(names, ['strings', 'values'])) {
      out = { [TAG]: 'sql', strings: enc(record.strings), values: enc(record.values) };
    } else if (symbols.length === 1 && symbols[0] === IDENT_BRAND && record[IDENT_BRAND] === true && sameKeys(names, ['parts'])) {
      out = { [TAG]: 'ident', parts: enc(record.parts) };
    } else {
      const copy: Record<string, unknown> = {};
      for (const k of names) copy[k] = enc(own(k));
      if (symbols.length > 0) {
        const registered = symbols.map((sym) => {
          const name = Symbol.keyFor(sym);
          if (name === undefined || sym === SQL_BRAND || sym === IDENT_BRAND) throw new NotPlainData();
          return [name, enc(own(sym))];
        });
        copy[TAG] = 'symbols';
        copy[SYMBOLS] = registered;
      }
      out = copy;
    }
  } else {
    throw new NotPlainData();
  }
  onPath.delete(v);
  seen.set(v, out);
  if (out !== null && typeof out === 'object' && TAG in out) tagged.push(out);
  return out;
}

/** Where an object's registered-symbol properties are kept, as [Symbol.keyFor name, value] pairs. */
const SYMBOLS = `${TAG}:symbols`;

function sameKeys(names: readonly string[], want: readonly string[]): boolean {
  return names.length === want.length && want.every((k) => names.includes(k));
}

/**
 * Turns a decoded tagged object back into what was encoded, in place (the
 * decoded objects are this call's own, and every reference to it sees the
 * change): brands frozen as `sql` makes them, symbol properties restored.
 */
function untag(o: Record<string | symbol, unknown>): void {
  const tag = o[TAG];
  delete o[TAG];
  if (tag === 'sql') {
    Object.freeze(o.strings);
    Object.freeze(o.values);
    o[SQL_BRAND] = true;
    Object.freeze(o);
  } else if (tag === 'ident') {
    Object.freeze(o.parts);
    o[IDENT_BRAND] = true;
    Object.freeze(o);
  } else {
    for (const [name, value] of o[SYMBOLS] as [string, unknown][]) o[Symbol.for(name)] = value;
    delete o[SYMBOLS];
  }
}

interface Payload {
  /** the tagged objects within `value`, to restore after decoding */
  readonly tagged: readonly object[];
  readonly value: unknown;
}

/**
 * The serialized form of a value made of plain data (what recorded ops are
 * made of: see encodeValue), or null when it holds anything else. The
 * render cache (src/render-cache.ts) stores rendered steps with it.
 */
export function encodePlain(value: unknown): Buffer | null {
  try {
    const tagged: object[] = [];
    const encoded = encodeValue(value, new Map(), new Set(), tagged);
    return v8.serialize({ tagged, value: encoded } satisfies Payload);
  } catch {
    return null;
  }
}

/** A value from its `encodePlain` form, as fresh objects. */
export function decodePlain(bytes: Uint8Array): unknown {
  const payload = v8.deserialize(bytes) as Payload;
  for (const o of payload.tagged) untag(o as Record<string | symbol, unknown>);
  return payload.value;
}
