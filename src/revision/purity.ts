/**
 * Whether a revision's recorded ops can be reused from an earlier run: is
 * what its upgrade() and downgrade() record a function of its own code, the
 * `op` it is given (whose only input is the dialect) and gensql's API, and
 * of nothing else — no clock, no chance, no environment, no file, no state
 * kept between calls?
 *
 * Decided statically, on the transpiled module (the wrapper function the
 * loader runs), and conservatively: anything the rules below do not know
 * to be safe makes the module "impure", which only means its code runs on
 * every render, as it always did. The rules:
 *
 * - strict mode code (sucrase marks every module so);
 * - globals: only deterministic built-ins, used in known-safe ways
 *   (`Math.max(...)`, `JSON.stringify(...)`, `String(x)`, `new Map()`):
 *   no `process`, `Date`, `Math.random`, `globalThis`, `Intl`, `eval`,
 *   `Function`, `setTimeout`, `fetch`, `require` of anything but 'gensql',
 *   `import()`, `__filename`, `import.meta`;
 * - no property named `constructor`, `prototype`, `__proto__`, `stack`,
 *   `caller` or `toLocale…`/`localeCompare` (paths to `Function`, to file
 *   paths and to the locale), and no property read by a computed name other
 *   than a literal one (a computed name could be any of those);
 * - state: a function may read a module-level binding only when it is the
 *   'gensql' import, a `const` holding a primitive literal, or a function
 *   declared in the module and never reassigned; it may never assign one;
 *   `this` is never used (an object's methods keep state in it);
 * - `upgrade` and `downgrade` are exported as functions declared in the
 *   module (`export function upgrade`), not made by a call (a factory's
 *   closures keep state no other rule sees); `module` is never used;
 * - a property may be assigned only on an object or array the same function
 *   created (`const o = {}; o.x = 1`), and on `exports` as the module loads.
 *
 * The threat model is code written in good faith (reading an environment
 * variable, a date, a file, a counter in module scope): code written to
 * defeat the analysis can. The gensql API objects a revision can reach are
 * frozen, so a revision cannot leave state in them for another.
 */
import { createRequire } from 'node:module';
import type * as acornTypes from 'acorn';
import type * as scopeTypes from 'eslint-scope';

type Node = acornTypes.AnyNode;
type Scope = scopeTypes.Scope;
type Variable = scopeTypes.Variable;

/** Built-ins used as `Name.member`, with the members that are deterministic and change nothing. */
const NAMESPACES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'Math',
    new Set([
      'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cbrt', 'ceil', 'clz32', 'cos', 'cosh', 'exp', 'expm1', 'floor',
      'fround', 'hypot', 'imul', 'log', 'log10', 'log1p', 'log2', 'max', 'min', 'pow', 'round', 'sign', 'sin', 'sinh', 'sqrt', 'tan', 'tanh',
      'trunc', 'E', 'LN10', 'LN2', 'LOG10E', 'LOG2E', 'PI', 'SQRT1_2', 'SQRT2',
    ]),
  ],
  ['JSON', new Set(['parse', 'stringify'])],
  ['Object', new Set(['keys', 'values', 'entries', 'fromEntries', 'is', 'hasOwn'])],
  ['Array', new Set(['isArray', 'from', 'of'])],
  [
    'Number',
    new Set(['isInteger', 'isSafeInteger', 'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER', 'MAX_VALUE', 'MIN_VALUE', 'EPSILON', 'POSITIVE_INFINITY', 'NEGATIVE_INFINITY', 'NaN']),
  ],
  ['String', new Set(['fromCharCode', 'fromCodePoint', 'raw'])],
]);

/** Built-ins that may be called or constructed (`String(x)`, `new Map()`). */
const CALLABLE = new Set([
  'Array', 'Object', 'Number', 'String', 'Boolean', 'BigInt', 'Map', 'Set', 'RegExp',
  'Error', 'TypeError', 'RangeError', 'SyntaxError',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI',
]);

/** Built-in values. */
const VALUES = new Set(['undefined', 'NaN', 'Infinity']);

/** Properties that lead to `Function`, to prototypes, to file paths or to the locale. */
const BLOCKED_PROPERTY = /^(constructor|prototype|__proto__|__defineGetter__|__defineSetter__|__lookupGetter__|__lookupSetter__|caller|callee|stack|toLocale\w*|localeCompare)$/;

/** The wrapper's parameters (transpile.ts WRAP_START) that must never be read: they differ by file and machine. */
const PATH_PARAMS = new Set(['__filename', '__dirname', '__gensql_import_meta']);

interface Libraries {
  readonly parse: typeof acornTypes.parse;
  readonly analyze: typeof scopeTypes.analyze;
}

let libraries: Libraries | null = null;

/** acorn and eslint-scope, loaded on first use (only runs that fill the op cache need them). */
function load(): Libraries {
  if (!libraries) {
    const require = createRequire(import.meta.url);
    const acorn = require('acorn') as typeof acornTypes;
    const scope = require('eslint-scope') as typeof scopeTypes;
    libraries = { parse: acorn.parse, analyze: scope.analyze };
  }
  return libraries;
}

class Impure extends Error {}

function impure(why: string): never {
  throw new Impure(why);
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/** Every node with its parent, in source order. */
function walk(root: Node, visit: (node: Node, parent: Node | null) => void): void {
  const stack: [Node, Node | null][] = [[root, null]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    visit(node, parent);
    const children: Node[] = [];
    for (const key of Object.keys(node)) {
      if (key === 'type' || key === 'range' || key === 'start' || key === 'end' || key === 'loc') continue;
      const v = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) children.push(c);
      } else if (isNode(v)) children.push(v);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, node]);
  }
}

/** The property name of a member expression when it is static (`a.b`, `a['b']`, `a[0]`), else null. */
function staticProperty(m: acornTypes.MemberExpression): string | null {
  if (!m.computed) return m.property.type === 'Identifier' ? m.property.name : m.property.type === 'PrivateIdentifier' ? `#${m.property.name}` : null;
  if (m.property.type === 'Literal' && (typeof m.property.value === 'string' || typeof m.property.value === 'number')) return String(m.property.value);
  return null;
}

/** Whether `node` (a member expression or identifier) is assigned, updated or deleted where it stands. */
function isWriteTarget(node: Node, parent: Node | null, parents: Map<Node, Node | null>): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case 'AssignmentExpression':
      return parent.left === node;
    case 'UpdateExpression':
      return true;
    case 'UnaryExpression':
      return parent.operator === 'delete';
    case 'ForInStatement':
    case 'ForOfStatement':
      return parent.left === node;
    case 'AssignmentPattern':
      return parent.left === node && isWriteTarget(parent, parents.get(parent) ?? null, parents);
    case 'ArrayPattern':
    case 'RestElement':
      return isWriteTarget(parent, parents.get(parent) ?? null, parents);
    case 'Property': {
      const pattern = parents.get(parent) ?? null;
      return pattern?.type === 'ObjectPattern' && parent.value === node && isWriteTarget(pattern, parents.get(pattern) ?? null, parents);
    }
    case 'ObjectPattern':
      return isWriteTarget(parent, parents.get(parent) ?? null, parents);
    default:
      return false;
  }
}

/** The function scope a scope belongs to (class field initializers and static blocks count as functions). */
function functionScope(s: Scope): Scope {
  return s.variableScope;
}

/**
 * Why a module's recorded ops cannot be reused, or null when they can. The
 * argument is the wrapped segment exactly as the loader runs it
 * (`function(exports, require, ...) { ... }`).
 */
export function impurity(segment: string): string | null {
  const { parse, analyze } = load();
  let program: acornTypes.Program;
  try {
    program = parse(`(${segment})`, { ecmaVersion: 'latest', sourceType: 'script', ranges: true });
  } catch (e) {
    return `cannot be analysed (${(e as Error).message})`;
  }
  try {
    check(program, analyze);
    return null;
  } catch (e) {
    if (e instanceof Impure) return e.message;
    return `cannot be analysed (${(e as Error).message})`;
  }
}

function check(program: acornTypes.Program, analyze: Libraries['analyze']): void {
  const first = program.body[0];
  const wrapper = first?.type === 'ExpressionStatement' && first.expression.type === 'FunctionExpression' ? first.expression : null;
  if (!wrapper || program.body.length !== 1) impure('is not a single module wrapper');
  const directive = wrapper.body.body[0];
  if (!(directive?.type === 'ExpressionStatement' && directive.directive === 'use strict')) impure('is not strict-mode code');

  const manager = analyze(program as unknown as Parameters<Libraries['analyze']>[0], { ecmaVersion: 2022, sourceType: 'script' });
  const wrapperScope = manager.acquire(wrapper as unknown as Parameters<typeof manager.acquire>[0]);
  if (!wrapperScope) impure('has no module scope');

  const parents = new Map<Node, Node | null>();
  walk(program, (node, parent) => parents.set(node, parent));
  const parentOf = (n: Node): Node | null => parents.get(n) ?? null;

  // syntax that reaches outside the module, whatever it names
  for (const [node, parent] of parents) {
    switch (node.type) {
      case 'ImportExpression':
        impure('uses import()');
        break;
      case 'Identifier':
        // a direct eval also stops scope analysis from resolving anything
        if (node.name === 'eval') impure('uses eval');
        break;
      case 'MetaProperty':
        if (node.meta.name === 'import') impure('uses import.meta');
        break;
      case 'ThisExpression':
        // an object's methods can keep state in it between calls (`this.created.push(...)`)
        impure('uses `this`');
        break;
      case 'MemberExpression': {
        const name = staticProperty(node);
        if (name === null) impure('reads a property by a computed name');
        if (BLOCKED_PROPERTY.test(name)) impure(`uses .${name}`);
        break;
      }
      case 'Property':
        if (parent?.type === 'ObjectPattern') {
          if (node.computed) impure('destructures a property by a computed name');
          const key = node.key.type === 'Identifier' ? node.key.name : node.key.type === 'Literal' ? String(node.key.value) : '';
          if (BLOCKED_PROPERTY.test(key)) impure(`uses .${key}`);
        }
        break;
      default:
        break;
    }
  }

  // every reference, by where it resolves
  const refByIdentifier = new Map<Node, scopeTypes.Reference>();
  for (const scope of manager.scopes) for (const ref of scope.references) refByIdentifier.set(ref.identifier as unknown as Node, ref);

  const classify = (v: Variable): 'import' | 'constant' | 'function' | 'other' => {
    if (v.defs.length !== 1) return 'other';
    const def = v.defs[0]!;
    if (def.type === 'FunctionName') return v.references.some((r) => r.isWrite()) ? 'other' : 'function';
    if (def.type !== 'Variable') return 'other';
    const decl = def.node as unknown as acornTypes.VariableDeclarator;
    const kind = (def.parent as unknown as acornTypes.VariableDeclaration | null)?.kind;
    if (decl.id.type !== 'Identifier' || !decl.init) return 'other';
    const writes = v.references.filter((r) => r.isWrite());
    if (writes.length !== 1 || !writes[0]!.init) return 'other';
    if (isGensqlRequire(decl.init)) return 'import';
    if (kind !== 'const') return 'other';
    if (decl.init.type === 'FunctionExpression' || decl.init.type === 'ArrowFunctionExpression') return 'function';
    return isPrimitiveLiteral(decl.init) ? 'constant' : 'other';
  };

  const checkGlobal = (id: acornTypes.Identifier, write: boolean, atModuleLevel: boolean): void => {
    const name = id.name;
    const parent = parentOf(id);
    if (write) impure(`assigns global \`${name}\``);
    if (VALUES.has(name)) return;
    if (parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === id && CALLABLE.has(name)) return;
    const prop = parent?.type === 'MemberExpression' && parent.object === id ? staticProperty(parent) : null;
    if (prop !== null && NAMESPACES.get(name)?.has(prop)) return;
    // sucrase's `Object.defineProperty(exports, "__esModule", {value: true})`, while the module loads
    if (name === 'Object' && prop === 'defineProperty' && atModuleLevel) {
      const call = parentOf(parent!);
      const args = call?.type === 'CallExpression' && call.callee === parent ? call.arguments : [];
      if (args[0]?.type === 'Identifier' && args[0].name === 'exports' && args[1]?.type === 'Literal' && args[1].value === '__esModule') return;
    }
    impure(prop !== null ? `uses ${name}.${prop}` : `uses global \`${name}\``);
  };

  for (const scope of manager.scopes) {
    for (const ref of scope.references) {
      const id = ref.identifier as unknown as acornTypes.Identifier;
      const v = ref.resolved;
      const here = functionScope(ref.from);
      if (!v) {
        checkGlobal(id, ref.isWrite(), here === wrapperScope);
        continue;
      }
      const home = functionScope(v.scope);
      if (home !== wrapperScope) continue; // a function's own local: made afresh by each call
      if (v.defs.length === 0) impure(`uses the module's \`${v.name}\``); // the wrapper's `arguments`: file paths
      if (v.defs[0]!.type === 'Parameter') {
        checkWrapperParam(id, parentOf(id), here === wrapperScope);
        continue;
      }
      if (here === wrapperScope) continue; // module code, run once as the module loads
      // a function reading module-level state, which lives across calls
      if (ref.isWrite()) impure(`assigns module-level \`${id.name}\` inside a function`);
      if (classify(v) === 'other') impure(`reads module-level \`${id.name}\` inside a function, which may keep state between calls`);
    }
  }

  /**
   * What the loader calls: `upgrade` and `downgrade` must be functions made
   * where the module loads (`export function upgrade`), whose captured state
   * the rules above check. A function made by a call (a factory's closure, a
   * bound method) may capture state no rule sees.
   */
  const checkExport = (target: acornTypes.MemberExpression, parent: Node | null): void => {
    const name = staticProperty(target);
    if (name !== 'upgrade' && name !== 'downgrade') return;
    const value = parent?.type === 'AssignmentExpression' && parent.operator === '=' && parent.left === target ? parent.right : null;
    const v = value?.type === 'Identifier' ? refByIdentifier.get(value)?.resolved : null;
    if (!v || functionScope(v.scope) !== wrapperScope || classify(v) !== 'function') impure(`exports ${name === 'upgrade' ? 'an' : 'a'} ${name}() that is not a function declared in the module`);
  };

  // properties are assigned only on objects the same function made (and on exports, as the module loads)
  for (const [node, parent] of parents) {
    if (node.type !== 'MemberExpression' || !isWriteTarget(node, parent, parents)) continue;
    let root: Node = node;
    while (root.type === 'MemberExpression') root = root.object;
    if (root.type !== 'Identifier') impure('assigns a property of something it did not create');
    const ref = refByIdentifier.get(root);
    const v = ref?.resolved;
    if (ref && v && functionScope(v.scope) === functionScope(ref.from)) {
      if (isFreshObject(v)) continue;
      if (functionScope(ref.from) === wrapperScope && v.defs[0]?.type === 'Parameter' && v.name === 'exports' && node.object === root) {
        checkExport(node, parent);
        continue;
      }
    }
    impure(`assigns a property of \`${root.name}\`, which it did not create`);
  }
}

/** `require('gensql')`. */
function isGensqlRequire(n: Node): boolean {
  return (
    n.type === 'CallExpression' &&
    n.callee.type === 'Identifier' &&
    n.callee.name === 'require' &&
    n.arguments.length === 1 &&
    n.arguments[0]!.type === 'Literal' &&
    n.arguments[0]!.value === 'gensql'
  );
}

function isPrimitiveLiteral(n: Node): boolean {
  if (n.type === 'Literal') return !('regex' in n && n.regex) && typeof n.value !== 'object';
  if (n.type === 'TemplateLiteral') return n.expressions.length === 0;
  if (n.type === 'UnaryExpression') return (n.operator === '-' || n.operator === '+') && n.argument.type === 'Literal' && typeof n.argument.value === 'number';
  return false;
}

/** A local declared once with an object or array literal, or `new ...`, and never assigned again. */
function isFreshObject(v: Variable): boolean {
  if (v.defs.length !== 1 || v.defs[0]!.type !== 'Variable') return false;
  const decl = v.defs[0]!.node as unknown as acornTypes.VariableDeclarator;
  if (decl.id.type !== 'Identifier' || !decl.init) return false;
  if (!['ObjectExpression', 'ArrayExpression', 'NewExpression'].includes(decl.init.type)) return false;
  return v.references.filter((r) => r.isWrite()).length === 1;
}

function checkWrapperParam(id: acornTypes.Identifier, parent: Node | null, atModuleLevel: boolean): void {
  const name = id.name;
  if (PATH_PARAMS.has(name)) impure(`uses ${name === '__gensql_import_meta' ? 'import.meta' : name}`);
  if (name === 'require') {
    if (parent?.type === 'CallExpression' && parent.callee === id && isGensqlRequire(parent)) return;
    impure("requires something other than 'gensql'");
  }
  // module.exports could replace what the loader reads: ES module syntax never needs it
  if (name === 'module') impure('uses `module`');
  // exports: written while the module loads, never touched by its functions
  if (!atModuleLevel) impure(`uses \`${name}\` inside a function`);
}
