import * as v from 'valibot';
import { msg, str } from '@lit/localize';
import { NewQuestion } from '../../../contract/index.js';

/** The ask form's fields, in the order they appear (the first invalid one gets focus). */
export const ASK_FIELDS = ['title', 'body', 'category', 'tags'] as const;
export type AskField = (typeof ASK_FIELDS)[number];
export type AskErrors = Partial<Record<AskField, string>>;

/** What the partner typed, before the contract trims it. */
export interface AskInput {
  title: string;
  body: string;
  category: string;
  tags: string[];
}

/**
 * Checks the input against the contract's `NewQuestion` (so the limits are the server's) and returns
 * one localised sentence per invalid field.
 */
export function askErrors(input: AskInput): AskErrors {
  const result = v.safeParse(NewQuestion, input);
  if (result.success) return {};
  const errors: AskErrors = {};
  for (const issue of result.issues) {
    const path = issue.path ?? [];
    const field = (path[0] as { key?: unknown } | undefined)?.key as AskField | undefined;
    if (!field || errors[field]) continue;
    errors[field] = message(field, issue, path.length > 1);
  }
  return errors;
}

function message(field: AskField, issue: v.BaseIssue<unknown>, inItem: boolean): string {
  const n = String(issue.requirement ?? '');
  switch (field) {
    case 'title':
      return issue.type === 'max_length'
        ? msg(str`Keep the title to ${n} characters or fewer.`, { id: 'qa-box-title-too-long' })
        : msg(str`Write a title of at least ${n} characters.`, { id: 'qa-box-title-too-short' });
    case 'body':
      return issue.type === 'max_bytes'
        ? msg('The details are over the 50 KB limit. Shorten them to post.', { id: 'qa-box-body-too-long' })
        : msg('Describe your question: what you tried and what happened.', { id: 'qa-box-body-empty' });
    case 'category':
      return msg('Choose a category.', { id: 'qa-box-category-missing' });
    case 'tags':
      return inItem
        ? msg(str`Each tag can have at most ${n} characters.`, { id: 'qa-box-tag-too-long' })
        : msg(str`Use at most ${n} tags.`, { id: 'qa-box-too-many-tags' });
  }
}
