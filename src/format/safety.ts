/**
 * The check that makes `--format` safe: sql-formatter may only move
 * whitespace where whitespace cannot matter. A statement is cut into atoms
 * (words, quoted literals and identifiers, dollar-quoted bodies, comments,
 * punctuation); the formatted text must have exactly the same atoms, and
 * where the space between two atoms can change how SQL is read (two words,
 * a prefix before a literal like `E'..'`/`N'..'`, a function name before
 * its `(`, two operator characters, `t.c`, `@var`) its presence must not
 * change either. A statement that fails is kept as written: --format is
 * cosmetic, meaning is not negotiable.
 *
 * The scanner is deliberately dialect-blind and conservative: when it reads
 * a statement differently from the database (a MySQL backslash escape, a
 * PostgreSQL array subscript) it can only cause a false alarm, which keeps
 * the statement unformatted, never a false pass on the literal's content,
 * because both texts are scanned the same way.
 */

type Atom =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'quoted'; readonly text: string }
  | { readonly kind: 'comment'; readonly text: string; readonly line: boolean }
  | { readonly kind: 'punct'; readonly text: string };

interface Scanned {
  readonly atoms: Atom[];
  /** gaps[i]: the whitespace between atoms[i] and atoms[i + 1] */
  readonly gaps: string[];
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;
const OPERATOR = /[+\-*/<>=~!@#%^&|`?:.]/;
/**
 * words after which `(` may gain or lose a space: keywords and type names,
 * never function names (MySQL reads `COUNT (x)` differently from `COUNT(x)`)
 */
const PAREN_KEYWORDS = new Set(
  [
    'KEY UNIQUE CHECK VALUES IN EXISTS AS USING INCLUDE ON REFERENCES TABLE INTO AND OR NOT WHERE DEFAULT SELECT THEN ELSE WHEN',
    'RETURNS OVER BY WITH SET IF LIKE BETWEEN IS ALL ANY SOME CONSTRAINT INDEX FROM JOIN CASE RETURN COLUMN ADD TYPE ENUM',
    'NUMERIC DECIMAL NUMBER VARCHAR NVARCHAR VARCHAR2 NVARCHAR2 FLOAT VARBINARY BINARY RAW',
  ]
    .join(' ')
    .split(' '),
);

function isWordChar(c: string): boolean {
  return WORD.test(c);
}

/** end index (exclusive) of a quote opened at `i` by `open`, closed by `close` (doubled close = escaped) */
function quoteEnd(s: string, i: number, close: string): number {
  let j = i + 1;
  while (j < s.length) {
    if (s[j] === close) {
      if (s[j + 1] === close) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return s.length;
}

function scan(s: string): Scanned {
  const atoms: Atom[] = [];
  const gaps: string[] = [];
  let gap = '';
  const push = (a: Atom): void => {
    if (atoms.length > 0) gaps.push(gap);
    gap = '';
    atoms.push(a);
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      gap += c;
      i++;
      continue;
    }
    const prev = atoms[atoms.length - 1];
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const end = quoteEnd(s, i, c === '[' ? ']' : c);
      push({ kind: 'quoted', text: s.slice(i, end) });
      i = end;
      continue;
    }
    if (c === '$' && !(prev && gap === '' && prev.kind === 'word')) {
      const tag = /^\$[A-Za-z_][A-Za-z0-9_]*\$|^\$\$/.exec(s.slice(i));
      if (tag) {
        const close = s.indexOf(tag[0], i + tag[0].length);
        const end = close < 0 ? s.length : close + tag[0].length;
        push({ kind: 'quoted', text: s.slice(i, end) });
        i = end;
        continue;
      }
    }
    if (c === '-' && s[i + 1] === '-') {
      const nl = s.indexOf('\n', i);
      const end = nl < 0 ? s.length : nl;
      push({ kind: 'comment', text: s.slice(i, end).trimEnd(), line: true });
      i = end;
      continue;
    }
    if (c === '/' && s[i + 1] === '*') {
      const close = s.indexOf('*/', i + 2);
      const end = close < 0 ? s.length : close + 2;
      push({ kind: 'comment', text: s.slice(i, end), line: false });
      i = end;
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < s.length && isWordChar(s[j]!)) j++;
      push({ kind: 'word', text: s.slice(i, j) });
      i = j;
      continue;
    }
    push({ kind: 'punct', text: c });
    i++;
  }
  return { atoms, gaps };
}

/** whether adding or removing whitespace between a and b could change how the SQL reads */
function gapMatters(a: Atom, b: Atom): boolean {
  if (a.kind === 'comment' || b.kind === 'comment') return true;
  if (a.kind === 'word') {
    if (b.kind === 'word' || b.kind === 'quoted') return true;
    if (b.text === '(') return !PAREN_KEYWORDS.has(a.text.toUpperCase());
    return b.text === '.';
  }
  if (a.kind === 'quoted') return b.kind === 'quoted' || b.kind === 'word';
  // a is punctuation
  if (a.text === '.') return true;
  if (b.kind === 'word') return /[.:@#$]/.test(a.text);
  if (b.kind === 'punct') return OPERATOR.test(a.text) && OPERATOR.test(b.text);
  return false;
}

/** the gap after a `--` comment must still end the line */
function gapShape(a: Atom, gap: string): string {
  if (a.kind === 'comment' && a.line) return gap.includes('\n') ? 'newline' : gap === '' ? 'none' : 'space';
  return gap === '' ? 'none' : 'space';
}

/** null when `after` is `before` with only harmless whitespace changes; otherwise why not */
export function meaningChange(before: string, after: string): string | null {
  const x = scan(before);
  const y = scan(after);
  if (x.atoms.length !== y.atoms.length) return `token count ${x.atoms.length} became ${y.atoms.length}`;
  for (let i = 0; i < x.atoms.length; i++) {
    const a = x.atoms[i]!;
    const b = y.atoms[i]!;
    if (a.kind !== b.kind || a.text !== b.text) return `'${a.text}' became '${b.text}'`;
    if (i + 1 < x.atoms.length) {
      const next = x.atoms[i + 1]!;
      if (gapMatters(a, next) && gapShape(a, x.gaps[i]!) !== gapShape(b, y.gaps[i]!)) {
        return `spacing between '${a.text}' and '${next.text}' changed`;
      }
    }
  }
  return null;
}
