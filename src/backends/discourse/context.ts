import type { DCategories, DCategory } from './types.js';

/** One category, with its parent's slug for subcategory URLs (`/c/parent/child/{id}.json`). */
export interface CategoryInfo {
  id: number;
  slug: string;
  parentSlug: string | null;
}

/** Everything the mappers need to know about the forum they read. */
export interface MapContext {
  /** Absolute forum URL with a trailing slash, to resolve avatars, uploads and links. */
  origin: string;
  /** Category id → category. Subcategories included: they are what made bare numbers show. */
  categories: ReadonlyMap<number, CategoryInfo>;
}

/**
 * Flattens `/categories.json?include_subcategories=true`: top-level categories carry their children
 * in `subcategory_list` (and older forums name them only by `subcategory_ids` / `parent_category_id`).
 */
export function categoryIndex(r: DCategories): Map<number, CategoryInfo> {
  const all: DCategory[] = [];
  const walk = (list: DCategory[] | undefined) => {
    for (const c of list ?? []) {
      all.push(c);
      walk(c.subcategory_list);
    }
  };
  walk(r.category_list.categories);
  const byId = new Map(all.map((c) => [c.id, c]));
  const parentOf = new Map<number, number>();
  for (const c of all) {
    if (c.parent_category_id) parentOf.set(c.id, c.parent_category_id);
    for (const child of c.subcategory_ids ?? []) parentOf.set(child, c.id);
    for (const child of c.subcategory_list ?? []) parentOf.set(child.id, c.id);
  }
  return new Map(all.map((c) => {
    const parent = parentOf.get(c.id);
    return [c.id, { id: c.id, slug: c.slug, parentSlug: parent !== undefined ? byId.get(parent)?.slug ?? null : null }];
  }));
}

/** The slug Confab shows and filters by; a category the index lacks keeps its id rather than failing. */
export const categorySlug = (ctx: MapContext, id: number | null | undefined): string =>
  id === null || id === undefined ? 'uncategorized' : ctx.categories.get(id)?.slug ?? String(id);

/** Discourse's URL segment for a category slug: `c/parent/child/12` for a subcategory. */
export function categoryPath(ctx: MapContext, slug: string): string {
  const c = [...ctx.categories.values()].find((x) => x.slug === slug);
  if (!c) return `c/${encodeURIComponent(slug)}`;
  return `c/${c.parentSlug ? `${encodeURIComponent(c.parentSlug)}/` : ''}${encodeURIComponent(c.slug)}/${c.id}`;
}

export const categoryId = (ctx: MapContext, slug: string): number | undefined =>
  [...ctx.categories.values()].find((x) => x.slug === slug)?.id;
