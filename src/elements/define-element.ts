/**
 * Registers `ctor` under `tag` unless that name is taken. Two copies or versions of Confab on one page
 * must not crash the host: the first definition wins and the others warn once.
 */
const warned = new Set<string>();

export function defineElement(tag: string, ctor: CustomElementConstructor, registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(tag);
  if (!existing) {
    registry.define(tag, ctor);
    return;
  }
  // Not registered, the class was never finalised: a Lit class creates its property accessors then, and
  // wrappers such as @lit/react look for them on the prototype. Reading observedAttributes finalises it.
  void (ctor as { observedAttributes?: unknown }).observedAttributes;
  if (existing !== ctor && !warned.has(tag)) {
    warned.add(tag);
    console.warn(`[confab] <${tag}> is already defined by another copy of Confab; keeping the first definition.`);
  }
}
