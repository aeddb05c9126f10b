import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { FollowController } from '../../../core/follow.js';
import { followButton } from '../../../ui/follow-button.js';
import { msg, str } from '@lit/localize';
import type { Answer, Author, Page, Question, QuestionWithAnswers, VoteValue } from '../../../contract/index.js';
import { ResourceController } from '../../../core/resource.js';
import { markdown } from '../../../core/markdown-directive.js';
import { absoluteTime, relativeTime } from '../../../core/time.js';
import { emit } from '../../../core/events.js';
import { AuthError, toConfabError, type ConfabError } from '../../../core/errors.js';
import { avatar, emptyState, errorState, offlineNotice, skeleton } from '../../../ui/states.js';
import { ComposerController, composer } from '../../../ui/composer.js';
import { pendingBadge } from '../../../ui/pending.js';
import { composerStyles } from '../../../ui/composer.styles.js';
import { mentionStyles } from '../../../ui/mention-suggest.styles.js';
import { mentionChipStyles } from '../../../styles/mention-chip.js';
import { prose } from '../../../styles/prose.js';
import { answerCount, staleError, writeError } from './shared.js';
import { backButton } from '../back-button.js';
import { categoryLabel } from '../../../contract/categories.js';
import { partStyles } from './shared.styles.js';
import { questionViewStyles } from './question-view.styles.js';
import { CsatPrompt } from './csat.js';
import { csatStyles } from './csat.styles.js';
import { reportStyles } from '../../../ui/report-dialog.styles.js';
import { ReportController } from '../../../ui/report-dialog.js';
import { moderationNotice } from '../../../ui/moderation-notice.js';
import type { AnswerTarget, QuestionHost } from '../host.js';
import { nextVote, scoreAfter, sortAnswers, voteOf, withAccepted, withAnswer, withMore, withVote, type VoteTarget } from './votes.js';

/** Styles of what this view renders, adopted when its chunk arrives. */
export const styles = [prose, composerStyles, mentionStyles, mentionChipStyles, partStyles, questionViewStyles, csatStyles, reportStyles];

/**
 * The question view of `<confab-qa-box>`: the question, its answers (accepted first, then by score),
 * votes, accepting, deflection and the answer composer. A controller in its own module so the box
 * loads it (and the composer) only when a question is about to open, not in its first load.
 */
export class QuestionView implements ReactiveController {
  /** The open question with its first page of answers. */
  readonly detail: ResourceController<QuestionWithAnswers>;
  /** The next page of answers, while "Show more answers" is loading it. */
  private readonly more: ResourceController<Page<Answer>>;
  private moreCursor: string | null = null;
  private focusAnswer?: string;
  private readonly answerBox: ComposerController<'answerQuestion'>;
  /** The "Report" buttons and dialog of this question and its answers. */
  private readonly report: ReportController;
  private actionError?: ConfabError;
  private deflected = false;
  private busy = new Set<string>();
  /** The question's follow toggle. */
  private readonly follow: FollowController;
  private shownId: string | null = null;
  /** "Did this solve your problem?" for the asker of an accepted question. */
  private readonly csat: CsatPrompt;
  /**
   * How many fetches of the open question have ended (fresh data or a failure) and been rendered. A
   * cached copy renders before any of them and may predate an answer: the box waits for the next one
   * before it decides that an answer it was asked to show is not there (see `openItem`).
   */
  loadsRendered = 0;

  constructor(private readonly host: QuestionHost) {
    host.addController(this);
    const backend = () => host.backendNow();
    this.detail = new ResourceController(host, {
      backend,
      key: () => (host.openQuestionId ? `question:${host.openQuestionId}` : null),
      fetch: (b, signal) => b.getQuestion(host.openQuestionId!, { signal }),
      what: 'question',
      onFresh: () => this.loadsRendered++,
      onError: () => this.loadsRendered++,
    });
    this.more = new ResourceController(host, {
      backend,
      key: () => (this.moreCursor && host.openQuestionId ? `answers:${host.openQuestionId}:${this.moreCursor}` : null),
      fetch: (b, signal) => b.listAnswers(host.openQuestionId!, this.moreCursor!, { signal }),
      // Pages are merged into the question's cached value; caching them alone would only go stale.
      cache: false,
    });
    this.follow = new FollowController(host, {
      backend,
      target: () => (host.openQuestionId ? { kind: 'question', id: host.openQuestionId } : null),
      partner: () => {
        const me = host.meNow();
        return me ? (me.authenticated ? me.id : null) : undefined;
      },
      announce: (text) => host.announce(text),
    });
    this.report = new ReportController(host);
    this.answerBox = new ComposerController(host, {
      method: 'answerQuestion',
      backend,
      target: () => host.openQuestionId,
      signedIn: () => host.signedIn,
      locale: () => host.localeNow(),
      onSent: (answer) => this.addAnswer(answer),
      onQueued: () => host.announce(msg('You are offline. Your answer is saved and will be posted when you are back online.', { id: 'qa-box-answer-queued' })),
      onReplayed: () => void this.detail.refresh(),
    });
    this.csat = new CsatPrompt(host, () => this.detail.value);
  }

  hostUpdate(): void {
    // A page of answers arrived: fold it into the question (and its cache), then stop asking.
    const page = this.more.value;
    if (this.moreCursor && this.more.status === 'ready' && page && this.detail.value) {
      this.focusAnswer = page.items.find((a) => !this.detail.value!.answers.items.some((x) => x.id === a.id))?.id;
      this.detail.mutate(withMore(this.detail.value, page));
      this.moreCursor = null;
    }
    const id = this.host.openQuestionId;
    if (id === this.shownId) return;
    this.shownId = id;
    this.actionError = undefined;
    this.deflected = false;
    this.moreCursor = null;
    this.csat.reset();
  }

  hostUpdated(): void {
    // Keyboard users land on the first answer that was added, not on a button that went away.
    if (!this.focusAnswer) return;
    this.host.shadowRoot?.querySelector<HTMLElement>(`[data-answer="${CSS.escape(this.focusAnswer)}"]`)?.focus();
    this.focusAnswer = undefined;
  }

  /**
   * Lands on the answer another element pointed at, once a fetch of the question has rendered; true
   * when done. Not before: a cached copy of the question renders first, and it may predate that answer
   * (a partner's own ask cached the question before the answer existed: issue 13's focus race) or still
   * show one a moderator has hidden since. Meanwhile focus is held on the answer if the cached copy
   * shows it, else on Back. If the fetched question lacks it, the box says so and focuses the question.
   * A partner who moves focus elsewhere in the box meanwhile keeps it there.
   */
  landOn(target: AnswerTarget): boolean {
    const root = this.host.renderRoot;
    const active = this.host.shadowRoot?.activeElement;
    if (target.held && active && active !== target.held) return true;
    const el = root.querySelector<HTMLElement>(`[data-answer="${CSS.escape(target.answer)}"]`);
    const back = root.querySelector<HTMLElement>('[part~=back]');
    const fetched = this.loadsRendered > target.loadsBefore;
    if (!fetched) target.held = el ?? back ?? undefined;
    else if (!el) this.host.announce(msg('The answer you opened is not shown here.', { id: 'qa-box-answer-not-shown' }));
    const to = fetched ? (el ?? root.querySelector<HTMLElement>('#question-title') ?? back) : target.held;
    if (to && active !== to) to.focus();
    return fetched;
  }

  private loadMore(cursor: string): void {
    this.moreCursor = cursor;
    this.host.requestUpdate();
  }

  /** Shows a question the partner just asked at once; the fetch already under way confirms it. */
  show(question: Question): void {
    this.detail.mutate({ question, answers: { items: [], nextCursor: null } });
  }

  // ----- actions -----

  private async vote(target: VoteTarget, pressed: 1 | -1): Promise<void> {
    const backend = this.host.backendNow();
    const data = this.detail.value;
    if (!backend || !data) return;
    if (this.host.signedIn === false) {
      emit(this.host, 'confab-auth-required', { action: 'vote' });
      return;
    }
    const before = voteOf(data, target);
    const key = `vote:${target.kind === 'question' ? '' : target.id}`;
    if (!before || this.busy.has(key)) return;
    const value: VoteValue = nextVote(before.myVote, pressed);
    // Optimistic: show the new score now, put the old one back if the backend refuses.
    this.detail.mutate(withVote(data, target, { score: scoreAfter(before.score, before.myVote, value), myVote: value }));
    this.setBusy(key, true);
    try {
      const id = target.kind === 'question' ? data.question.id : target.id;
      const result = target.kind === 'question' ? await backend.voteQuestion(id, value) : await backend.voteAnswer(id, value);
      if (this.detail.value) this.detail.mutate(withVote(this.detail.value, target, result));
      this.host.announce(this.voteSentence(result.score, result.myVote));
    } catch (err) {
      if (this.detail.value) this.detail.mutate(withVote(this.detail.value, target, before));
      this.fail(err, 'vote');
    } finally {
      this.setBusy(key, false);
    }
  }

  private voteSentence(score: number, myVote: VoteValue): string {
    const n = new Intl.NumberFormat(this.host.localeNow()).format(score);
    if (myVote === 1) return msg(str`Voted up. Score ${n}.`, { id: 'qa-box-voted-up' });
    if (myVote === -1) return msg(str`Voted down. Score ${n}.`, { id: 'qa-box-voted-down' });
    return msg(str`Vote withdrawn. Score ${n}.`, { id: 'qa-box-vote-withdrawn' });
  }

  private async accept(answer: Answer): Promise<void> {
    const backend = this.host.backendNow();
    const data = this.detail.value;
    const key = `accept:${answer.id}`;
    if (!backend || !data || this.busy.has(key)) return;
    this.setBusy(key, true);
    try {
      const question = await backend.acceptAnswer(data.question.id, answer.id);
      if (this.detail.value) this.detail.mutate(withAccepted(this.detail.value, question, answer.id));
      emit(this.host, 'confab-answer-accepted', { questionId: data.question.id, answerId: answer.id });
      this.host.announce(msg('Answer accepted. It now shows first.', { id: 'qa-box-accepted-done' }));
    } catch (err) {
      this.fail(err, 'accept');
    } finally {
      this.setBusy(key, false);
    }
  }

  private async deflect(): Promise<void> {
    const backend = this.host.backendNow();
    const questionId = this.host.openQuestionId;
    if (!backend || !questionId || this.deflected) return;
    const query = this.host.openedFrom.slice(0, 200);
    this.deflected = true;
    this.host.requestUpdate();
    emit(this.host, 'confab-deflected', { questionId, query });
    this.host.announce(msg('Thanks! Glad you found your answer.', { id: 'qa-box-deflect-thanks' }));
    try {
      await backend.recordDeflection(questionId, query);
    } catch (err) {
      // The partner got their answer; a lost analytics call is only worth a `confab-error`.
      const error = toConfabError(err);
      emit(this.host, 'confab-error', { error, status: error.status });
    }
  }

  private addAnswer(answer: Answer): void {
    void this.follow.refresh(); // answering follows the question
    if (this.detail.value) this.detail.mutate(withAnswer(this.detail.value, answer));
    this.host.announce(msg('Your answer was posted.', { id: 'qa-box-answer-posted' }));
  }

  private fail(err: unknown, action: string): void {
    const error = toConfabError(err);
    this.actionError = error;
    emit(this.host, 'confab-error', { error, status: error.status });
    if (error instanceof AuthError && error.status === 401) emit(this.host, 'confab-auth-required', { action });
  }

  private setBusy(key: string, on: boolean): void {
    if (on) {
      this.busy.add(key);
      this.actionError = undefined;
    } else this.busy.delete(key);
    this.host.requestUpdate();
  }

  private onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // Escape inside a text field belongs to the field (and an answer being typed stays put).
    if (e.composedPath().some((n) => n instanceof HTMLTextAreaElement || n instanceof HTMLInputElement)) return;
    e.preventDefault();
    this.host.back();
  };

  // ----- rendering -----

  render(): TemplateResult {
    const res = this.detail;
    const retry = () => void res.refresh();
    let content: TemplateResult;
    if (res.value) content = this.renderQuestion(res.value);
    else if (res.status === 'error') content = errorState(res.error!, retry);
    else content = html`<div aria-busy="true">${skeleton(3)}</div>`;
    return html`<div class="question-view" @keydown=${this.onKeydown}>
      ${backButton(() => this.host.back())}
      ${res.offline ? offlineNotice(res.savedAt ?? null, this.host.localeNow(), retry, res.error) : nothing}
      ${res.status === 'error' && res.value ? staleError(res.error!, retry) : nothing}
      ${content}
    </div>`;
  }

  private renderQuestion({ question: q, answers }: QuestionWithAnswers): TemplateResult {
    const me = this.host.meNow();
    const canAccept = !!me?.authenticated && (me.id === q.author.id || me.roles.includes('moderator'));
    const meId = me?.authenticated ? me.id : null;
    const sorted = sortAnswers(answers.items);
    return html`<article class="question" part="question" aria-labelledby="question-title">
        <h2 id="question-title" class="q-title" part="title" tabindex="-1" dir="auto">${q.title}</h2>
        <div class="meta row" part="meta">
          ${this.byline(q.author, q.createdAt)}
          <span class="chip" part="chip">${categoryLabel(q.category)}</span>
          ${q.tags.map((t) => html`<span class="chip" part="chip" dir="auto">${t}</span>`)}
          ${followButton(this.follow, q.title)}
          ${this.report.button({ kind: 'question', id: q.id }, q.author.id, meId)}
        </div>
        ${moderationNotice(q.status)}
        <div class="post">
          ${this.votes({ kind: 'question' }, q.score, q.myVote, msg('Votes on the question', { id: 'qa-box-votes-question' }))}
          <div class="prose body" part="body" dir="auto">${markdown(q.body)}</div>
        </div>
      </article>
      ${this.host.openedFrom ? this.renderDeflect() : nothing}
      ${this.csat.render()}
      ${this.actionError ? writeError(this.actionError) : nothing}
      <section class="answers" aria-labelledby="answers-heading">
        <h3 id="answers-heading" class="subheading">${answerCount(sorted.length, this.host.localeNow())}</h3>
        ${sorted.length
          ? html`<ol class="answer-list" part="list">${sorted.map((a) => this.renderAnswer(a, canAccept, meId))}</ol>`
          : emptyState(msg('No answers yet.', { id: 'qa-box-no-answers' }), msg('Know the answer? Share it below.', { id: 'qa-box-no-answers-detail' }))}
        ${answers.nextCursor ? this.renderMore(answers.nextCursor) : nothing}
        ${this.answerBox.pending.map(
          (p) => html`<div class="pending-item" part="item pending-answer">
            <div class="prose" part="body" dir="auto">${markdown(p.body)}</div>
            ${pendingBadge()}
          </div>`,
        )}
      </section>
      <section class="answer-box" aria-label=${msg('Your answer', { id: 'qa-box-your-answer' })}>
        ${composer(this.answerBox, {
          label: msg('Your answer', { id: 'qa-box-your-answer' }),
          submit: msg('Post answer', { id: 'qa-box-post-answer' }),
          signIn: msg('Sign in to answer', { id: 'qa-box-signin-to-answer' }),
        })}
      </section>
      ${this.report.render()}`;
  }

  private renderMore(cursor: string): TemplateResult {
    const loading = this.more.status === 'loading';
    return html`<div class="more">
      ${this.more.status === 'error' ? staleError(this.more.error!, () => void this.more.refresh()) : nothing}
      <button type="button" class="btn" part="button more" aria-busy=${loading ? 'true' : 'false'} ?disabled=${loading} @click=${() => this.loadMore(cursor)}>
        ${loading ? msg('Loading answers…', { id: 'qa-box-loading-more' }) : msg('Show more answers', { id: 'qa-box-more' })}
      </button>
    </div>`;
  }

  private renderDeflect(): TemplateResult {
    return html`<div class="deflect notice" part="deflection">
      ${this.deflected
        ? html`<span role="status">${msg('Thanks! Glad you found your answer.', { id: 'qa-box-deflect-thanks' })}</span>`
        : html`<span>${msg('Does this answer your question?', { id: 'qa-box-deflect-question' })}</span>
            <button type="button" class="btn small primary" part="button deflect" @click=${() => this.deflect()}>
              ${msg('This answered my question', { id: 'qa-box-deflect' })}
            </button>`}
    </div>`;
  }

  private renderAnswer(a: Answer, canAccept: boolean, meId: string | null): TemplateResult {
    const busy = this.busy.has(`accept:${a.id}`);
    return html`<li class="answer ${a.accepted ? 'is-accepted' : ''}" part="item answer" data-answer=${a.id} tabindex="-1" aria-label=${msg(str`Answer by ${a.author.name}`, { id: 'qa-box-answer-by' })}>
      ${this.votes({ kind: 'answer', id: a.id }, a.score, a.myVote, msg(str`Votes on the answer by ${a.author.name}`, { id: 'qa-box-votes-answer' }))}
      <div class="answer-main">
        ${a.accepted
          ? html`<span class="badge success" part="accepted"><span aria-hidden="true">✓</span> ${msg('Accepted answer', { id: 'qa-box-accepted' })}</span>`
          : nothing}
        ${moderationNotice(a.status)}
        <div class="prose body" part="body" dir="auto">${markdown(a.body)}</div>
        <div class="meta row" part="meta">
          ${this.byline(a.author, a.createdAt)}
          ${this.report.button({ kind: 'answer', id: a.id }, a.author.id, meId)}
          ${canAccept && !a.accepted
            ? html`<button type="button" class="btn small" part="button accept" ?disabled=${busy} @click=${() => this.accept(a)}>
                ${msg('Accept this answer', { id: 'qa-box-accept' })}
              </button>`
            : nothing}
        </div>
      </div>
    </li>`;
  }

  private byline(author: Author, at: string): TemplateResult {
    const locale = this.host.localeNow();
    // One run of text after the avatar, so a narrow box wraps it like a sentence.
    return html`<span class="byline">
      ${avatar(author)}
      <span class="byline-text"
        ><bdi class="name">${author.name}</bdi>${author.orgName ? html` · <bdi>${author.orgName}</bdi>` : nothing} ·
        <time datetime=${at} title=${absoluteTime(at, locale)}>${relativeTime(at, locale)}</time></span
      >
    </span>`;
  }

  private votes(target: VoteTarget, score: number, myVote: VoteValue, label: string): TemplateResult {
    const n = new Intl.NumberFormat(this.host.localeNow()).format(score);
    return html`<div class="votes" part="votes" role="group" aria-label=${label}>
      <button
        type="button"
        class="vote"
        part="button vote-up"
        aria-pressed=${myVote === 1 ? 'true' : 'false'}
        aria-label=${msg('Vote up', { id: 'qa-box-vote-up' })}
        @click=${() => this.vote(target, 1)}
      ><span aria-hidden="true">▲</span></button>
      <span class="score" part="score"><span class="visually-hidden">${msg('Score', { id: 'qa-box-score' })}</span> ${n}</span>
      <button
        type="button"
        class="vote"
        part="button vote-down"
        aria-pressed=${myVote === -1 ? 'true' : 'false'}
        aria-label=${msg('Vote down', { id: 'qa-box-vote-down' })}
        @click=${() => this.vote(target, -1)}
      ><span aria-hidden="true">▼</span></button>
    </div>`;
  }
}
