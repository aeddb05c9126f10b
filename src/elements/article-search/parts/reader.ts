import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Article, ArticleHit } from '../../../contract/index.js';
import { ResourceController } from '../../../core/resource.js';
import { emit } from '../../../core/events.js';
import { isAbort, toConfabError, type ConfabError } from '../../../core/errors.js';
import { markdown, preloadMarkdown } from '../../../core/markdown-directive.js';
import { errorState, offlineNotice, skeleton } from '../../../ui/states.js';
import { errorText } from '../../../ui/error-text.js';
import type { ReaderHost } from '../host.js';
import { articleMeta } from './meta.js';

/** What the reader adds to the element: its own styles, the feedback form's fields and the body's prose. */
export { readerSheets as styles } from './reader.styles.js';

type FeedbackState = 'idle' | 'sending' | 'sent' | 'error';

/**
 * The inline article reader: loads one article (cached, so an article read once opens offline too),
 * shows it with its Markdown body, and asks "Was this helpful?".
 */
export class ArticleReader implements ReactiveController {
  /** The open article's id, or null when the reader is closed. */
  id: string | null = null;
  /** The search hit it was opened from: title and meta show at once while the body loads. */
  private hit: ArticleHit | undefined;
  private helpful: boolean | null = null;
  private comment = '';
  private feedback: FeedbackState = 'idle';
  private feedbackError: ConfabError | undefined;

  readonly article: ResourceController<Article>;

  constructor(private readonly host: ReaderHost) {
    host.addController(this);
    this.article = new ResourceController<Article>(host, {
      backend: () => host.backendNow,
      key: () => (this.id ? `article:${this.id}` : null),
      fetch: (b, signal) => b.getArticle(this.id!, { signal }),
      what: 'article',
    });
  }

  hostUpdate(): void {}

  open(id: string, hit?: ArticleHit): void {
    this.id = id;
    this.hit = hit;
    this.helpful = null;
    this.comment = '';
    this.feedback = 'idle';
    this.feedbackError = undefined;
    void preloadMarkdown().catch(() => undefined);
    this.host.requestUpdate();
  }

  close(): void {
    this.id = null;
    this.hit = undefined;
    this.host.requestUpdate();
  }

  render(onBack: () => void): TemplateResult {
    const a = this.article;
    const locale = this.host.localeNow;
    const shown = a.value ?? this.hit;
    const title = shown?.title ?? '';
    return html`<article class="reader" part="reader" aria-labelledby="reader-title" aria-busy=${a.status === 'loading' ? 'true' : 'false'}>
      <button class="btn ghost small back" part="button back" @click=${onBack}>
        <span aria-hidden="true" class="back-arrow">←</span> ${msg('Back to results', { id: 'article-search-back' })}
      </button>
      <h2 id="reader-title" class="reader-title" part="title" tabindex="-1" dir="auto">${title || msg('Article', { id: 'article-search-article' })}</h2>
      ${shown ? articleMeta(shown, locale) : nothing}
      ${a.offline ? offlineNotice(a.savedAt ?? null, locale, () => void a.refresh(), a.error) : nothing}
      ${a.status === 'error' && a.error
        ? errorState(a.error, () => void a.refresh())
        : a.value
          ? html`<div class="prose body" part="body" dir="auto">${markdown(withoutTitle(a.value))}</div>${this.renderFeedback(a.value)}`
          : skeleton(4)}
    </article>`;
  }

  private renderFeedback(article: Article): TemplateResult {
    if (this.feedback === 'sent') {
      return html`<section class="feedback" part="feedback" role="status">
        <strong class="thanks" tabindex="-1">${msg('Thanks for your feedback.', { id: 'article-search-feedback-thanks' })}</strong>
      </section>`;
    }
    const sending = this.feedback === 'sending';
    return html`<section class="feedback" part="feedback" aria-labelledby="feedback-q">
      <div class="row">
        <h3 id="feedback-q" class="feedback-q">${msg('Was this helpful?', { id: 'article-search-helpful' })}</h3>
        <span class="choices">
          <button class="btn small" part="button" aria-pressed=${this.helpful === true ? 'true' : 'false'} @click=${() => this.choose(true)}>
          ${msg('Yes', { id: 'article-search-yes' })}
          </button>
          <button class="btn small" part="button" aria-pressed=${this.helpful === false ? 'true' : 'false'} @click=${() => this.choose(false)}>
          ${msg('No', { id: 'article-search-no' })}
          </button>
        </span>
      </div>
      ${this.helpful === null
        ? nothing
        : html`<div class="field">
              <label for="feedback-comment">
                ${this.helpful
                  ? msg('Anything we should add? (optional)', { id: 'article-search-comment-yes' })
                  : msg('What were you looking for? (optional)', { id: 'article-search-comment-no' })}
              </label>
              <textarea id="feedback-comment" class="input" part="input" maxlength="2000" rows="3" .value=${this.comment}
                @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            ${this.feedback === 'error' && this.feedbackError
              ? html`<div class="notice error" role="alert"><strong>${errorText(this.feedbackError).title}</strong>
                  <span>${errorText(this.feedbackError).detail}</span></div>`
              : nothing}
            <div class="row">
              <button class="btn primary small" part="button" ?disabled=${sending}
                @click=${() => void this.send(article.id)}>
                ${sending ? msg('Sending…', { id: 'article-search-sending' }) : msg('Send feedback', { id: 'article-search-send' })}
              </button>
            </div>`}
    </section>`;
  }

  private choose(helpful: boolean): void {
    this.helpful = helpful;
    this.host.requestUpdate();
    // The comment box appears; take the partner there so typing a reason needs no extra Tab.
    void this.host.updateComplete.then(() =>
      this.host.shadowRoot?.querySelector<HTMLTextAreaElement>('#feedback-comment')?.focus(),
    );
  }

  private async send(articleId: string): Promise<void> {
    const backend = this.host.backendNow;
    if (!backend || this.helpful === null || this.feedback === 'sending') return;
    const helpful = this.helpful;
    const comment = this.comment.trim();
    this.feedback = 'sending';
    this.host.requestUpdate();
    try {
      await backend.sendArticleFeedback(articleId, comment ? { helpful, comment } : { helpful }, {
        // Safe to retry: the server keeps the first answer under this key.
        idempotencyKey: globalThis.crypto?.randomUUID?.(),
      });
      if (this.id !== articleId) return;
      this.feedback = 'sent';
      emit(this.host, 'confab-feedback', { articleId, helpful });
      // The button that had focus is gone; keep focus in the reader, on the thank-you.
      void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>('.thanks')?.focus());
    } catch (e) {
      if (isAbort(e) || this.id !== articleId) return;
      const error = toConfabError(e);
      this.feedback = 'error';
      this.feedbackError = error;
      emit(this.host, 'confab-error', { error, status: error.status });
    }
    this.host.requestUpdate();
  }
}

/** The body without a leading `# Title` that repeats the heading the reader already shows. */
export function withoutTitle(a: { title: string; body: string }): string {
  const m = /^\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(a.body);
  return m && m[1].trim() === a.title.trim() ? a.body.slice(m[0].length).trimStart() : a.body;
}
