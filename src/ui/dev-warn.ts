/**
 * Warns once per element and attribute when an enumerated attribute gets a value outside its list.
 * Production builds keep it: a vendor's typo is exactly what they need to hear about.
 */
const seen = new WeakMap<Element, Set<string>>();

export function checkEnum<T extends string>(el: Element, attr: string, value: string, allowed: readonly T[], fallback: T): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const done = seen.get(el) ?? new Set<string>();
  if (!done.has(attr)) {
    done.add(attr);
    seen.set(el, done);
    console.warn(`[confab] <${el.localName}> ${attr}="${value}" is not one of ${allowed.join(', ')}; using "${fallback}".`);
  }
  return fallback;
}
