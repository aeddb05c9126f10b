/**
 * The host contract of `<confab-qa-box>`: what its lazy parts (parts/ask-form.ts, parts/question-view.ts)
 * use of the element. The element implements these interfaces; the parts import this file, never the
 * element class (see src/elements/README.md).
 */
import type { ReactiveControllerHost } from 'lit';
import type { Me, Question, SimilarQuestion } from '../../contract/index.js';
import type { CommunityBackend } from '../../backends/types.js';
import type { ConfabError } from '../../core/errors.js';
import type { AskField, AskInput } from './parts/validate.js';

/** The fields of the ask form that survive a reload as drafts. */
export type DraftField = 'title' | 'body' | 'category' | 'tags';

/** What every part uses of the box. */
export interface QaHost extends ReactiveControllerHost, HTMLElement {
  backendNow(): CommunityBackend | undefined;
  localeNow(): string;
  /** True signed in, false signed out, undefined while unknown (or unreachable: then writes go to the outbox). */
  readonly signedIn: boolean | undefined;
  /** Speaks `text` in the box's polite live region. */
  announce(text: string): void;
  /** Fires `confab-error`. */
  reportError(error: ConfabError): void;
  /** Opens question `id` in the box. */
  open(id: string): void;
}

/** What the ask form's behaviour (parts/ask-form.ts) uses of the box, which renders the fields itself. */
export interface AskHost extends QaHost {
  /** What the partner typed. */
  readonly askInput: AskInput;
  /** The partner picked a similar question. */
  openSimilar(q: SimilarQuestion): void;
  /** Similar questions arrived from the backend (after `confab-load`): `sentence` says how many. */
  similarArrived(sentence: string, count: number): void;
  /** Drafts of an earlier visit; the box keeps whatever was typed (or handed over) meanwhile. */
  restoreDrafts(drafts: Partial<Record<DraftField, string>>): void;
  /** A submit found `field` invalid (the first one): show it and move focus there. */
  focusField(field: AskField): void;
  /** The question was posted or queued: empty the fields. */
  resetForm(): void;
  /** The question was posted: open it (the view shows it without fetching it again). */
  showPosted(question: Question): Promise<void>;
}

/** What the question view (parts/question-view.ts) uses of the box. */
export interface QuestionHost extends QaHost {
  /** The open question's id, or null. */
  readonly openQuestionId: string | null;
  /** Where the report dialog (ui/report-dialog.ts) finds itself to open. */
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The caller, once known. */
  meNow(): Me | undefined;
  /** The title typed when this question was picked from the similar ones; '' when opened otherwise. */
  readonly openedFrom: string;
  back(): void;
}

/** An answer the box was asked to land on (`openItem`), and how many fetches of the question had rendered then. */
export interface AnswerTarget {
  answer: string;
  loadsBefore: number;
  /** What focus was held on while waiting for the next fetch. */
  held?: HTMLElement;
}
