/**
 * What people see for a category. Categories are vendor data: the reference backend knows a category
 * only by its id, a slug ("partner-program"), so its label is the slug made readable ("Partner
 * program"), as `<confab-qa-box>` shows it. A backend that knows a category's name (a Discourse
 * category) serves that name as the label instead. Labels are not translated: like the organisations'
 * names, they are the vendor's words.
 */
export const categoryLabel = (id: string): string => (id ? id[0]!.toUpperCase() + id.slice(1).replace(/[-_]+/g, ' ') : id);
