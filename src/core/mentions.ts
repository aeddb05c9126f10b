/**
 * An @mention in a Markdown body: `@` and a person's id (`@u-aiko`), not inside a word or an email
 * address. Group 2 is the id. The composer's suggestions insert this form, MemoryBackend notifies from
 * it, and core/markdown renders it as a chip.
 */
export const MENTION_PATTERN = /(^|[^\w@./-])@([a-z][a-z0-9]*(?:-[a-z0-9]+)+)/g;
