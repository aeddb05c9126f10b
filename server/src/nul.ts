// U+0000 is valid in JSON and URLs but PostgreSQL cannot store it in text: a NUL that reached a query
// failed it with a 500. The boundary refuses it instead, naming where it was.

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

export const hasNul = (s: string) => s.includes('\u0000');

/** Where a NUL sits in a JSON value (in a string or a key), as `a.b[2]`; null when nowhere. Iterative: bodies may nest deeply. */
export function findNul(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [x, path] = stack.pop()!;
    if (typeof x === 'string') {
      if (hasNul(x)) return path || '(root)';
    } else if (Array.isArray(x)) {
      x.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (x && typeof x === 'object') {
      for (const [k, item] of Object.entries(x)) {
        const at = path ? `${path}.${k}` : k;
        if (hasNul(k)) return printable(at);
        stack.push([item, at]);
      }
    }
  }
  return null;
}

/** A field name fit to echo back: the NUL itself written as \u0000. */
export const printable = (s: string) => s.replace(/\u0000/g, '\\u0000');
