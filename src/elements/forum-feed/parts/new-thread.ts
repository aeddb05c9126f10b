import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { live } from 'lit/directives/live.js';
import type { Thread } from '../../../contract/index.js';
import type { CommunityBackend } from '../../../backends/types.js';
import { DraftController } from '../../../core/drafts.js';
import { WriteController } from '../../../core/write.js';
import type { ConfabError } from '../../../core/errors.js';
import { emit } from '../../../core/events.js';
import { errorText } from '../../../ui/error-text.js';
import { MentionSuggest, mentionCombobox, mentionListbox } from '../../../ui/mention-suggest.js';

interface Fields {
  title: string;
  body: string;
  category: string;
  tags: string;
}
type FieldName = keyof Fields;

/** How the form finds its backend and tells the element what happened. */
export interface NewThreadOptions {
  backend: () => CommunityBackend | undefined;
  signedIn: () => boolean | undefined;
  /** Prefilled category: the feed's `category`. */
  defaultCategory: () => string;
  /** The backend stored the thread. */
  onCreated: (thread: Thread) => void;
  /** Offline: the thread went to the outbox. */
  onQueued: () => void;
  /** A queued thread was sent by a replay. */
  onReplayed: () => void;
}

/** A thread waiting in the outbox, shown at the top of the feed as "pending". */
export interface PendingThread {
  id: string;
  title: string;
}

const LIMIT = 50 * 1024;
const bytes = (s: string) => new TextEncoder().encode(s).length;
const splitTags = (s: string) => s.split(',').map((t) => t.trim()).filter(Boolean);

/**
 * The "New thread" form: fields, validation before submit (the contract's rules, in words), a
 * draft in IndexedDB, and a submit through the outbox so an offline partner loses nothing.
 */
export class NewThreadController {
  open = false;
  fields: Fields = { title: '', body: '', category: '', tags: '' };
  errors: Partial<Record<FieldName, string>> = {};
  sendError: ConfabError | undefined;
  /** @mention suggestions in the message field. */
  readonly mentions: MentionSuggest;

  private readonly writes: WriteController<Thread>;
  /** All four fields, as one JSON draft. */
  private readonly draft: DraftController;

  constructor(
    readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: NewThreadOptions,
  ) {
    this.writes = new WriteController<Thread>(host, {
      method: 'createThread',
      backend: options.backend,
      authAction: 'create-thread',
      onReplayed: () => options.onReplayed(),
    });
    this.draft = new DraftController(host, () => this.writes.scope || null);
    this.mentions = new MentionSuggest(host, { backend: options.backend });
  }

  /** True while the thread is being sent. */
  get sending(): boolean {
    return this.writes.sending;
  }

  /** Threads waiting in the outbox, shown at the top of the feed as "pending". */
  get pending(): PendingThread[] {
    return this.writes.pending.map((e) => ({ id: e.id, title: String((e.args[0] as { title?: unknown })?.title ?? '') }));
  }

  /** Opens the form (or asks the page for a sign-in when nobody is signed in). */
  async show(): Promise<void> {
    if (this.options.signedIn() === false) {
      emit(this.host, 'confab-auth-required', { action: 'create-thread' });
      return;
    }
    this.open = true;
    this.errors = {};
    this.sendError = undefined;
    const draft = await this.draft.restore();
    const saved = typeof draft === 'string' ? safeParse(draft) : null;
    this.fields = saved ?? { title: '', body: '', category: this.options.defaultCategory(), tags: '' };
    if (!this.fields.category) this.fields.category = this.options.defaultCategory();
    this.host.requestUpdate();
  }

  /** Closes the form (the draft stays) and returns focus to the "New thread" button. */
  hide(): void {
    void this.draft.flush();
    this.open = false;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => (this.host.shadowRoot?.querySelector('[part~=new-thread]') as HTMLElement | null)?.focus());
  }

  set(name: FieldName, value: string): void {
    const f = (this.fields = { ...this.fields, [name]: value });
    // Once a field was flagged, re-check it as they type so the message goes away when fixed.
    if (this.errors[name]) this.errors = { ...this.errors, [name]: this.check(name) };
    const empty = !f.title.trim() && !f.body.trim() && !f.tags.trim();
    this.draft.update(empty ? '' : JSON.stringify(f));
    this.host.requestUpdate();
  }

  /** The message for one field, or '' when it is fine. */
  check(name: FieldName): string {
    const f = this.fields;
    switch (name) {
      case 'title': {
        const n = f.title.trim().length;
        if (n < 3) return msg('Give the thread a title of at least 3 characters.', { id: 'forum-feed-title-short' });
        return n > 200 ? msg('The title can be at most 200 characters.', { id: 'forum-feed-title-long' }) : '';
      }
      case 'body':
        if (!f.body.trim()) return msg('Write something before posting.', { id: 'forum-feed-body-empty' });
        return bytes(f.body) > LIMIT ? msg('The text can be at most 50 KB.', { id: 'forum-feed-body-long' }) : '';
      case 'category':
        if (!f.category.trim()) return msg('Choose a category.', { id: 'forum-feed-category-empty' });
        return f.category.trim().length > 80 ? msg('The category can be at most 80 characters.', { id: 'forum-feed-category-long' }) : '';
      case 'tags': {
        const tags = splitTags(f.tags);
        if (tags.length > 5) return msg('Use at most 5 tags.', { id: 'forum-feed-tags-many' });
        return tags.some((t) => t.length > 40) ? msg('Each tag can be at most 40 characters.', { id: 'forum-feed-tag-long' }) : '';
      }
    }
  }

  async submit(): Promise<void> {
    if (!this.writes.scope || this.sending) return;
    if (this.options.signedIn() === false) {
      emit(this.host, 'confab-auth-required', { action: 'create-thread' });
      return;
    }
    const names: FieldName[] = ['title', 'body', 'category', 'tags'];
    this.errors = Object.fromEntries(names.map((n) => [n, this.check(n)]).filter(([, m]) => m));
    const first = names.find((n) => this.errors[n]);
    if (first) {
      this.host.requestUpdate();
      await this.host.updateComplete;
      (this.host.shadowRoot?.querySelector(`#nt-${first}`) as HTMLElement | null)?.focus();
      return;
    }
    const f = this.fields;
    const input = { title: f.title.trim(), body: f.body.trim(), category: f.category.trim(), tags: splitTags(f.tags) };
    this.sendError = undefined;
    const outcome = await this.writes.send([input]);
    if (!outcome) return;
    if (outcome.status === 'failed') {
      this.sendError = outcome.error;
      this.host.requestUpdate();
      return;
    }
    void this.draft.clear();
    this.open = false;
    this.fields = { title: '', body: '', category: '', tags: '' };
    this.host.requestUpdate();
    if (outcome.status === 'queued') this.options.onQueued();
    else this.options.onCreated(outcome.value);
  }
}

function safeParse(s: string): Fields | null {
  try {
    const o = JSON.parse(s) as Partial<Fields>;
    return { title: String(o.title ?? ''), body: String(o.body ?? ''), category: String(o.category ?? ''), tags: String(o.tags ?? '') };
  } catch {
    return null;
  }
}

/** The form. Each field has a visible label, its error tied by aria-describedby, and aria-invalid. */
export function newThreadForm(ctl: NewThreadController, categories: string[]): TemplateResult {
  const field = (name: FieldName, label: string, control: TemplateResult, hint?: string) => html`<div class="field">
    <label for="nt-${name}">${label}</label>
    ${control}
    ${hint ? html`<span class="hint" id="nt-${name}-hint">${hint}</span>` : nothing}
    ${ctl.errors[name] ? html`<span class="field-error" id="nt-${name}-error">${ctl.errors[name]}</span>` : nothing}
  </div>`;
  const aria = (name: FieldName, hint = false) =>
    [ctl.errors[name] ? `nt-${name}-error` : '', hint ? `nt-${name}-hint` : ''].filter(Boolean).join(' ') || nothing;
  const onInput = (name: FieldName) => (e: Event) => ctl.set(name, (e.target as HTMLInputElement).value);
  const onBlur = (name: FieldName) => () => {
    // Say what is wrong when they leave a field they typed in, not while they are still typing.
    if (ctl.fields[name]) {
      ctl.errors = { ...ctl.errors, [name]: ctl.check(name) };
      ctl.host.requestUpdate();
    }
  };
  return html`<form
    class="new-thread"
    part="new-thread"
    novalidate
    aria-labelledby="nt-heading"
    @submit=${(e: Event) => {
      e.preventDefault();
      void ctl.submit();
    }}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void ctl.submit();
      } else if (e.key === 'Escape') {
        e.stopPropagation();
        ctl.hide();
      }
    }}
  >
    <h3 id="nt-heading" tabindex="-1">${msg('New thread', { id: 'forum-feed-new-thread' })}</h3>
    ${field('title', msg('Title', { id: 'forum-feed-field-title' }), html`<input
      id="nt-title" class="input" part="input" maxlength="400" autocomplete="off"
      .value=${live(ctl.fields.title)} aria-invalid=${ctl.errors.title ? 'true' : 'false'} aria-describedby=${aria('title')}
      @input=${onInput('title')} @blur=${onBlur('title')} />`)}
    ${field('body', msg('Message', { id: 'forum-feed-field-body' }), html`<textarea ${mentionCombobox(ctl.mentions)}
      id="nt-body" class="input" part="input"
      .value=${live(ctl.fields.body)} aria-invalid=${ctl.errors.body ? 'true' : 'false'} aria-describedby=${aria('body', true)}
      @input=${onInput('body')} @blur=${onBlur('body')}></textarea>${mentionListbox(ctl.mentions, msg('People to mention', { id: 'composer-mentions' }))}`, msg('Markdown supported.', { id: 'forum-feed-markdown-hint' }))}
    <div class="two">
      ${field('category', msg('Category', { id: 'forum-feed-field-category' }), html`<input
        id="nt-category" class="input" part="input" list="nt-categories" autocomplete="off"
        .value=${live(ctl.fields.category)} aria-invalid=${ctl.errors.category ? 'true' : 'false'} aria-describedby=${aria('category')}
        @input=${onInput('category')} @blur=${onBlur('category')} />
        <datalist id="nt-categories">${categories.map((c) => html`<option value=${c}></option>`)}</datalist>`)}
      ${field('tags', msg('Tags', { id: 'forum-feed-tags' }), html`<input
        id="nt-tags" class="input" part="input" autocomplete="off"
        .value=${live(ctl.fields.tags)} aria-invalid=${ctl.errors.tags ? 'true' : 'false'} aria-describedby=${aria('tags', true)}
        @input=${onInput('tags')} @blur=${onBlur('tags')} />`, msg('Separate tags with commas; up to 5.', { id: 'forum-feed-tags-hint' }))}
    </div>
    ${ctl.sendError ? sendErrorNotice(ctl.sendError) : nothing}
    <div class="form-actions">
      <button type="button" class="btn ghost" part="button cancel" @click=${() => ctl.hide()}>${msg('Cancel', { id: 'forum-feed-cancel' })}</button>
      <button type="submit" class="btn primary" part="button submit" ?disabled=${ctl.sending}>
        ${ctl.sending ? msg('Posting…', { id: 'forum-feed-posting' }) : msg('Post thread', { id: 'forum-feed-post-thread' })}
      </button>
    </div>
  </form>`;
}

function sendErrorNotice(error: ConfabError): TemplateResult {
  const { title, detail } = errorText(error);
  return html`<div class="notice error" part="error" role="alert"><strong>${title}</strong>${detail ? html`<span>${detail}</span>` : nothing}</div>`;
}
