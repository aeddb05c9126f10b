/**
 * The ask form's fields, rendered by `<confab-qa-box>` in its first view (this is not a lazy part): the
 * title with its similar-questions combobox, the details with their Write / Preview tabs, the category
 * and the tags. Pure templates; the box owns the state and passes what each needs.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { parseTags } from './categories.js';
import { categoryLabel } from '../../contract/categories.js';
import type { SimilarQuestions } from './parts/similar.js';
import type { AskErrors, AskField } from './parts/validate.js';

export type Tab = 'write' | 'preview';

/** A field's `aria-describedby`: its hint, and its error when it has one. */
export const describe = (errors: AskErrors, f: AskField, hint?: string): string | undefined =>
  [hint, errors[f] ? `${f}-error` : ''].filter(Boolean).join(' ') || undefined;

export function fieldError(field: AskField, errors: AskErrors): TemplateResult | typeof nothing {
  return errors[field] ? html`<span class="field-error" part="error" id="${field}-error">${errors[field]}</span>` : nothing;
}

/** Above the fields for a signed-out partner: the similar questions still work, asking needs a sign-in. */
export function signedOutNotice(signIn: () => void): TemplateResult {
  return html`<p class="notice" part="signed-out">
    <span>${msg('Sign in to ask. You can still look for similar questions.', { id: 'qa-box-signin-hint' })}</span>
    <button type="button" class="btn small" part="button sign-in" @click=${signIn}>
      ${msg('Sign in', { id: 'qa-box-signin' })}
    </button>
  </p>`;
}

/** The submit button, and who the question will be posted as (`name`, when signed in). */
export function submitRow(name: string | undefined, sending: boolean, signedIn: boolean | undefined): TemplateResult {
  return html`<div class="actions">
    ${name ? html`<span class="hint" part="meta">${msg(str`Posting as ${name}`, { id: 'qa-box-posting-as' })}</span>` : nothing}
    <button type="submit" class="btn primary" part="button submit" ?disabled=${sending}>
      ${sending ? msg('Posting…', { id: 'qa-box-posting' }) : signedIn === false ? msg('Sign in to ask', { id: 'qa-box-signin-to-ask' }) : msg('Post your question', { id: 'qa-box-submit' })}
    </button>
  </div>`;
}

export interface TitleFieldProps {
  text: string;
  placeholder?: string;
  errors: AskErrors;
  /** The similar questions the title is a combobox for, once the ask form's part has loaded. */
  similar?: SimilarQuestions;
  input: (text: string) => void;
  blur: () => void;
}

/** The question's title: a combobox over the similar questions found while typing. */
export function titleField(p: TitleFieldProps): TemplateResult {
  return html`<div class="field">
    <label for="title">${msg('Your question', { id: 'qa-box-title-label' })}</label>
    <input
      id="title"
      class="input"
      part="input"
      type="text"
      role="combobox"
      dir="auto"
      autocomplete="off"
      aria-autocomplete="list"
      aria-expanded=${p.similar?.expanded ? 'true' : 'false'}
      aria-controls="similar-list"
      aria-activedescendant=${p.similar?.activeId ?? nothing}
      aria-invalid=${p.errors.title ? 'true' : 'false'}
      aria-describedby=${describe(p.errors, 'title', 'title-hint') ?? nothing}
      placeholder=${p.placeholder ?? msg('e.g. How do I register a multi-year deal?', { id: 'qa-box-placeholder' })}
      .value=${p.text}
      @input=${(e: Event) => p.input((e.target as HTMLInputElement).value)}
      @keydown=${(e: KeyboardEvent) => {
        // Enter in the title never posts a half-written question, even before the list has loaded.
        if (p.similar) p.similar.onKeydown(e);
        else if (e.key === 'Enter') e.preventDefault();
      }}
      @blur=${p.blur}
    />
    <span class="hint" id="title-hint">${msg('We look for similar questions as you type. Use the arrow keys to pick one.', { id: 'qa-box-title-hint' })}</span>
    ${fieldError('title', p.errors)}
  </div>`;
}

export interface DetailsFieldProps {
  body: string;
  tab: Tab;
  errors: AskErrors;
  /** The preview's Markdown renderer, once its part has loaded (plain text until then). */
  preview?: (text: string) => unknown;
  input: (body: string) => void;
  blur: () => void;
  /** Shows tab `which`; `focus` when it was chosen with the arrow keys, so focus follows it. */
  showTab: (which: Tab, focus: boolean) => void;
  /** @mention suggestions, once the ask form's part is here: a directive for the textarea and its popup. */
  mentions?: { combobox: unknown; listbox: unknown };
}

/** The details: Markdown in a textarea, with a Preview tab. */
export function detailsField(p: DetailsFieldProps): TemplateResult {
  return html`<div class="field">
    <div class="label-row">
      <label for="body" id="body-label">${msg('Details', { id: 'qa-box-body-label' })}</label>
      <div class="tabs" role="tablist" aria-label=${msg('Details', { id: 'qa-box-body-label' })}>
        ${tabButton(p, 'write', msg('Write', { id: 'qa-box-write' }))} ${tabButton(p, 'preview', msg('Preview', { id: 'qa-box-preview' }))}
      </div>
    </div>
    <div id="body-panel" role="tabpanel" aria-labelledby=${p.tab === 'write' ? 'tab-write' : 'tab-preview'}>
      <textarea
        ${p.mentions?.combobox ?? nothing}
        id="body"
        class="input"
        part="input"
        dir="auto"
        ?hidden=${p.tab !== 'write'}
        aria-invalid=${p.errors.body ? 'true' : 'false'}
        aria-describedby=${describe(p.errors, 'body', 'body-hint') ?? nothing}
        .value=${p.body}
        @input=${(e: Event) => p.input((e.target as HTMLTextAreaElement).value)}
        @blur=${p.blur}
      ></textarea>
      ${p.tab === 'write' ? (p.mentions?.listbox ?? nothing) : nothing}
      ${p.tab === 'preview'
        ? html`<div class="preview prose" part="body" tabindex="0" dir="auto">
            ${p.body.trim() ? (p.preview?.(p.body) ?? p.body) : html`<span class="hint">${msg('Nothing to preview yet.', { id: 'qa-box-nothing-preview' })}</span>`}
          </div>`
        : nothing}
    </div>
    <span class="hint" id="body-hint">${msg('Markdown supported. Say what you tried and what happened.', { id: 'qa-box-body-hint' })}</span>
    ${fieldError('body', p.errors)}
  </div>`;
}

export interface CategoryTagsProps {
  categories: string[];
  category: string;
  tagsText: string;
  errors: AskErrors;
  chooseCategory: (category: string) => void;
  inputTags: (text: string) => void;
}

/** The category select and the tags field, side by side. */
export function categoryAndTags(p: CategoryTagsProps): TemplateResult {
  return html`<div class="pair">
    <div class="field">
      <label for="category">${msg('Category', { id: 'qa-box-category-label' })}</label>
      <select
        id="category"
        class="input"
        part="input"
        aria-invalid=${p.errors.category ? 'true' : 'false'}
        aria-describedby=${describe(p.errors, 'category') ?? nothing}
        @change=${(e: Event) => p.chooseCategory((e.target as HTMLSelectElement).value)}
      >
        ${p.categories.map((c) => html`<option value=${c} ?selected=${c === p.category}>${categoryLabel(c)}</option>`)}
      </select>
      ${fieldError('category', p.errors)}
    </div>
    <div class="field">
      <label for="tags">${msg('Tags', { id: 'qa-box-tags-label' })}</label>
      <input
        id="tags"
        class="input"
        part="input"
        type="text"
        autocomplete="off"
        aria-invalid=${p.errors.tags ? 'true' : 'false'}
        aria-describedby=${describe(p.errors, 'tags', 'tags-hint') ?? nothing}
        .value=${p.tagsText}
        @input=${(e: Event) => p.inputTags((e.target as HTMLInputElement).value)}
      />
      <span class="hint" id="tags-hint">${msg('Up to 5, separated by commas.', { id: 'qa-box-tags-hint' })}</span>
      ${parseTags(p.tagsText).length
        ? html`<ul class="chips" aria-label=${msg('Tags', { id: 'qa-box-tags-label' })}>
            ${parseTags(p.tagsText).map((t) => html`<li class="chip" part="chip">${t}</li>`)}
          </ul>`
        : nothing}
      ${fieldError('tags', p.errors)}
    </div>
  </div>`;
}

function tabButton(p: DetailsFieldProps, which: Tab, text: string): TemplateResult {
  const selected = p.tab === which;
  return html`<button
    type="button"
    role="tab"
    part="tab"
    id="tab-${which}"
    aria-selected=${selected ? 'true' : 'false'}
    aria-controls="body-panel"
    tabindex=${selected ? '0' : '-1'}
    @click=${() => p.showTab(which, false)}
    @keydown=${(e: KeyboardEvent) => {
      if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
      e.preventDefault();
      p.showTab(p.tab === 'write' ? 'preview' : 'write', true);
    }}
  >${text}</button>`;
}

