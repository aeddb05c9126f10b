/**
 * The Markdown reply/answer composer shared by `<confab-forum-feed>` (replies) and `<confab-qa-box>`
 * (answers). It is a ReactiveController that owns the state (text, tab, validation, sending, draft,
 * pending outbox entries) plus a template function that renders it inside the host's shadow root.
 * It is deliberately not a custom element of its own: one fewer registration, and the host's
 * styles, locale and live region apply to it directly.
 *
 * @example
 * // in the host element
 * private composer = new ComposerController(this, {
 *   method: 'replyToThread',
 *   backend: () => this.backend,
 *   target: () => this.openId,
 *   signedIn: () => this.signedIn,
 *   onSent: (post) => this.addPost(post),
 *   onQueued: () => this.announce(msg('Reply saved…')),
 * });
 * static styles = [tokens, controls, composerStyles, css`…`];
 * // in render()
 * ${this.composer.pending.map((p) => html`<div class="pending-item">${p.body} ${pendingBadge()}</div>`)}
 * ${composer(this.composer, { label: msg('Your reply') })}
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { live } from 'lit/directives/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Answer, Post } from '../contract/index.js';
import type { CommunityBackend } from '../backends/types.js';
import { emit } from '../core/events.js';
import { BackendError, OfflineError, type ConfabError } from '../core/errors.js';
import { DraftController } from '../core/drafts.js';
import type { OutboxEntry, OutboxFailure } from '../core/outbox.js';
import { WriteController } from '../core/write.js';
import { markdown } from '../core/markdown-directive.js';
import { errorText } from './error-text.js';
import { MentionSuggest, mentionCombobox, mentionListbox } from './mention-suggest.js';

/** The maximum body size the contract accepts (`MarkdownBody`): 50 KB of UTF-8. */
export const BODY_LIMIT_BYTES = 50 * 1024;

/** The writes a composer can make; both take `(id, { body })`. */
export type ComposerMethod = 'replyToThread' | 'answerQuestion';
type Sent<M extends ComposerMethod> = M extends 'replyToThread' ? Post : Answer;

/** A write waiting in the outbox, as the host shows it: the body and when it was typed. */
export interface PendingItem {
  id: string;
  body: string;
  createdAt: number;
}

/** How a composer finds its backend and target and tells the host what happened. */
export interface ComposerOptions<M extends ComposerMethod> {
  /** `replyToThread` (forum) or `answerQuestion` (Q&A). */
  method: M;
  /** The backend to write to. */
  backend: () => CommunityBackend | undefined;
  /** The thread or question id, or null when nothing is open. Read on every host update. */
  target: () => string | null;
  /**
   * True when a partner is signed in, false when not, undefined while unknown. When false the
   * composer shows a "Sign in" button and a submit fires `confab-auth-required` instead.
   */
  signedIn: () => boolean | undefined;
  /** Locale for numbers in messages (the host's `locale`). Default: the nearest `lang`. */
  locale?: () => string;
  /** The backend stored the write; `value` is the new post or answer. */
  onSent?: (value: Sent<M>) => void;
  /** The write went to the outbox (offline); it will be sent when the page is online again. */
  onQueued?: (item: PendingItem) => void;
  /**
   * A pending write of this target was sent by a replay (possibly after a reload, possibly by
   * another tab); `value` is the new post or answer when this tab sent it.
   */
  onReplayed?: (value: Sent<M> | undefined) => void;
}

let seq = 0;

const bytes = (text: string): number => new TextEncoder().encode(text).length;
const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * State of one composer: the text being typed, the Write/Preview tab, validation and send errors.
 * Sending and the target's pending outbox entries are core's `WriteController`; the draft is core's
 * `DraftController`, both under the write's scope (backend id, method and target), so a draft
 * survives a reload and never leaks between threads. It is cleared once the backend stored the
 * write or the outbox took it.
 */
export class ComposerController<M extends ComposerMethod = ComposerMethod> implements ReactiveController {
  /** The text in the textarea. */
  body = '';
  /** Which tab is showing. */
  tab: 'write' | 'preview' = 'write';
  /** A validation message to show under the textarea, or '' when the text is fine or untouched. */
  invalid = '';
  /** Why the last send failed (not offline: offline sends are queued). The text is kept. */
  sendError: ConfabError | undefined;
  /** Element ids for this instance, unique within the host's shadow root. */
  readonly ids = { field: `composer-${++seq}`, hint: '', error: '', tabWrite: '', tabPreview: '', panel: '' };
  /** @mention suggestions in the textarea (off when the backend cannot search people). */
  readonly mentions: MentionSuggest;

  private readonly writes: WriteController<Sent<M>>;
  private readonly draft: DraftController;
  /** The scope the fields show: a new one empties them and restores its draft. */
  private shown = '';
  private loadGen = 0;

  constructor(
    /** The element the composer renders in. */
    readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ComposerOptions<M>,
  ) {
    const f = this.ids.field;
    Object.assign(this.ids, { hint: `${f}-hint`, error: `${f}-error`, tabWrite: `${f}-tw`, tabPreview: `${f}-tp`, panel: `${f}-panel` });
    this.writes = new WriteController<Sent<M>>(host, {
      method: options.method,
      backend: options.backend,
      target: options.target,
      authAction: this.authAction(),
      onReplayed: (value) => options.onReplayed?.(value),
      onRefused: (failure) => this.refused(failure),
    });
    this.draft = new DraftController(host, () => this.writes.scope || null);
    this.mentions = new MentionSuggest(host, { backend: options.backend });
    host.addController(this);
  }

  /** True when a partner is signed in (false while unknown). */
  get signedIn(): boolean | undefined {
    return this.options.signedIn();
  }

  /** True while a submit is on its way. */
  get sending(): boolean {
    return this.writes.sending;
  }

  /** This target's writes waiting in the outbox, oldest first. The host renders them as "pending". */
  get pending(): PendingItem[] {
    return this.writes.pending.map(toPending);
  }

  hostUpdate(): void {
    const scope = this.writes.scope;
    if (scope === this.shown) return;
    // What was typed for the previous target still lands under its own key.
    void this.draft.flush();
    this.shown = scope;
    this.body = '';
    this.tab = 'write';
    this.invalid = '';
    this.sendError = undefined;
    if (scope) void this.restore(scope);
  }

  /** Replaces the text (as typing does) and saves the draft shortly after. */
  setBody(text: string): void {
    this.body = text;
    this.sendError = undefined;
    // Empty is only an error once they try to send; too long is worth saying at once.
    this.invalid = bytes(text) > BODY_LIMIT_BYTES ? this.validate(text) : '';
    // Only blanks: no draft worth keeping.
    this.draft.update(text.trim() ? text : '');
    this.host.requestUpdate();
  }

  /** Switches between the Write and Preview tabs. */
  setTab(tab: 'write' | 'preview'): void {
    this.tab = tab;
    this.host.requestUpdate();
  }

  /** Asks the host page to sign the partner in (`confab-auth-required`). */
  requestSignIn(): void {
    emit(this.host, 'confab-auth-required', { action: this.authAction() });
  }

  /**
   * Validates and sends the text. Signed out: fires `confab-auth-required` and keeps the text.
   * Offline: the outbox takes the write and it shows as pending. Any other failure: the error is
   * shown and the text stays.
   *
   * @returns true when the write was stored or queued.
   */
  async submit(): Promise<boolean> {
    const target = this.options.target();
    if (this.sending || !target || !this.writes.scope) return false;
    if (this.signedIn === false) {
      this.requestSignIn();
      return false;
    }
    this.invalid = this.validate(this.body);
    if (this.invalid) {
      this.host.requestUpdate();
      this.focusField();
      return false;
    }
    const scope = this.writes.scope;
    this.sendError = undefined;
    const outcome = await this.writes.send([target, { body: this.body.trim() }]);
    if (!outcome) return false;
    // The partner moved on meanwhile: the write still happened, but these fields are another target's now.
    if (scope !== this.writes.scope) return outcome.status !== 'failed';
    if (outcome.status === 'failed') {
      this.sendError = outcome.error;
      this.host.requestUpdate();
      return false;
    }
    void this.draft.clear();
    this.body = '';
    this.tab = 'write';
    this.host.requestUpdate();
    if (outcome.status === 'queued') this.options.onQueued?.(toPending(outcome.entry));
    else this.options.onSent?.(outcome.value);
    return true;
  }

  /** Ctrl+Enter (Cmd+Enter on a Mac) sends; Escape in the Preview tab returns to Write. */
  onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void this.submit();
    }
  }

  /** The validation message for `text`, or '' when it can be sent. */
  validate(text: string): string {
    if (!text.trim()) return msg('Write something before posting.', { id: 'composer-empty' });
    const size = bytes(text);
    if (size > BODY_LIMIT_BYTES) {
      const over = new Intl.NumberFormat(this.locale(), { maximumFractionDigits: 1 }).format((size - BODY_LIMIT_BYTES) / 1024);
      return msg(str`This is ${over} KB over the 50 KB limit. Shorten it to post.`, { id: 'composer-too-long' });
    }
    return '';
  }

  /** How much of the limit is used, for the counter: '' until 80 % of it. */
  usage(): string {
    const size = bytes(this.body);
    if (size < BODY_LIMIT_BYTES * 0.8) return '';
    const used = new Intl.NumberFormat(this.locale(), { maximumFractionDigits: 1 }).format(size / 1024);
    return msg(str`${used} KB of 50 KB`, { id: 'composer-usage' });
  }

  /** Moves focus to the textarea (e.g. after a failed validation, or when a thread opens a reply). */
  focusField(): void {
    void this.host.updateComplete.then(() => {
      const root = this.host.shadowRoot ?? this.host;
      (root.querySelector(`#${this.ids.field}`) as HTMLElement | null)?.focus();
    });
  }

  /** The locale numbers are formatted in. */
  locale(): string {
    return this.options.locale?.() || this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  private authAction(): string {
    return this.options.method === 'replyToThread' ? 'reply' : 'answer';
  }

  private async restore(scope: string): Promise<void> {
    const gen = ++this.loadGen;
    const draft = await this.draft.restore();
    // Typing may have started before IndexedDB answered: never overwrite what they typed.
    if (gen === this.loadGen && scope === this.shown && typeof draft === 'string' && !this.body) {
      this.body = draft;
      this.host.requestUpdate();
    }
  }

  /** The server refused a queued write (e.g. it broke a rule meanwhile): put the text back and say why. */
  private refused(failure: OutboxFailure): void {
    if (!this.body.trim()) {
      this.body = toPending(failure.entry).body;
      this.draft.update(this.body); // keep it as a draft too
    }
    this.sendError = new BackendError(failure.problem?.detail ?? failure.message, failure.status, failure.problem);
  }
}

function toPending(entry: OutboxEntry): PendingItem {
  const args = entry.args as unknown[];
  const input = args[args.length - 1] as { body?: unknown } | undefined;
  return { id: entry.id, body: typeof input?.body === 'string' ? input.body : '', createdAt: entry.createdAt };
}

/** Labels a composer shows; pass localised strings from the host. */
export interface ComposerLabels {
  /** Accessible label of the textarea, e.g. "Your reply". Also shown as its visible label. */
  label: string;
  /** Text of the submit button, e.g. "Post reply". */
  submit: string;
  /** Text of the signed-out button, e.g. "Sign in to reply". */
  signIn: string;
  /** Optional placeholder. */
  placeholder?: string;
}

/**
 * Renders a composer: visible label, Write/Preview tabs (preview through core's lazy Markdown
 * renderer), the textarea, the limit counter, validation and send errors, and the submit button.
 * When the partner is signed out it renders a "Sign in" button that fires `confab-auth-required`.
 *
 * Parts: `composer`, `input`, `button`, `tab`, `preview`, `error`.
 */
export function composer(ctl: ComposerController, labels: ComposerLabels): TemplateResult {
  if (ctl.signedIn === false) {
    return html`<div class="composer" part="composer">
      <button type="button" class="btn" part="button sign-in" @click=${() => ctl.requestSignIn()}>${labels.signIn}</button>
    </div>`;
  }
  const { ids } = ctl;
  const usage = ctl.usage();
  const describedBy = [ctl.invalid ? ids.error : '', usage ? ids.hint : ''].filter(Boolean).join(' ');
  const tabKeys = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next = ctl.tab === 'write' ? 'preview' : 'write';
    ctl.setTab(e.key === 'Home' ? 'write' : e.key === 'End' ? 'preview' : next);
    void ctl.host.updateComplete.then(() => {
      const root = ctl.host.shadowRoot;
      (root?.querySelector(`#${ctl.tab === 'write' ? ids.tabWrite : ids.tabPreview}`) as HTMLElement | null)?.focus();
    });
  };
  const tab = (which: 'write' | 'preview', id: string, text: string) => html`<button
    type="button"
    role="tab"
    part="tab"
    id=${id}
    aria-selected=${ctl.tab === which ? 'true' : 'false'}
    aria-controls=${ids.panel}
    tabindex=${ctl.tab === which ? '0' : '-1'}
    @click=${() => ctl.setTab(which)}
    @keydown=${tabKeys}
  >${text}</button>`;
  return html`<form
    class="composer"
    part="composer"
    novalidate
    aria-busy=${ctl.sending ? 'true' : 'false'}
    @submit=${(e: Event) => {
      e.preventDefault();
      void ctl.submit();
    }}
  >
    <label class="label" for=${ids.field}>${labels.label}</label>
    <div class="tabs" role="tablist" aria-label=${labels.label}>
      ${tab('write', ids.tabWrite, msg('Write', { id: 'composer-write' }))}
      ${tab('preview', ids.tabPreview, msg('Preview', { id: 'composer-preview' }))}
    </div>
    <div id=${ids.panel} role="tabpanel" aria-labelledby=${ctl.tab === 'write' ? ids.tabWrite : ids.tabPreview}>
      <textarea
        ${mentionCombobox(ctl.mentions)}
        id=${ids.field}
        class="input"
        part="input"
        dir="auto"
        ?hidden=${ctl.tab !== 'write'}
        .value=${live(ctl.body)}
        placeholder=${ifDefined(labels.placeholder)}
        aria-invalid=${ctl.invalid ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy || undefined)}
        @input=${(e: Event) => ctl.setBody((e.target as HTMLTextAreaElement).value)}
        @keydown=${(e: KeyboardEvent) => ctl.onKeydown(e)}
      ></textarea>
      ${ctl.tab === 'write' ? mentionListbox(ctl.mentions, msg('People to mention', { id: 'composer-mentions' })) : nothing}
      ${ctl.tab === 'preview'
        ? html`<div class="preview prose" part="preview" tabindex="0" dir="auto">
            ${ctl.body.trim() ? markdown(ctl.body) : html`<span class="hint">${msg('Nothing to preview yet.', { id: 'composer-nothing' })}</span>`}
          </div>`
        : nothing}
    </div>
    ${ctl.invalid ? html`<div class="field-error" part="error" id=${ids.error} role="alert">${ctl.invalid}</div>` : nothing}
    ${ctl.sendError ? sendError(ctl.sendError) : nothing}
    <div class="actions">
      <span class="hint" id=${ids.hint}>${usage || (isMac()
        ? msg('Markdown supported. ⌘+Enter to post.', { id: 'composer-hint-mac' })
        : msg('Markdown supported. Ctrl+Enter to post.', { id: 'composer-hint' }))}</span>
      <button type="submit" class="btn primary" part="button submit" ?disabled=${ctl.sending}>
        ${ctl.sending ? msg('Posting…', { id: 'composer-sending' }) : labels.submit}
      </button>
    </div>
  </form>`;
}

function sendError(error: ConfabError): TemplateResult {
  const { title, detail } = errorText(error);
  return html`<div class="notice error send-error" part="error" role="alert">
    <strong>${title}</strong>
    ${detail ? html`<span>${detail}</span>` : nothing}
    <span class="hint">${error instanceof OfflineError ? '' : msg('Your text is kept; you can try again.', { id: 'composer-kept' })}</span>
  </div>`;
}

// Hosts that render a composer's pending writes take the badge from here too.
export { pendingBadge } from './pending.js';
