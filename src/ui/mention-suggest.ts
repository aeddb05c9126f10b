/**
 * @mention suggestions for a Markdown textarea, shared by every place that writes a body: the
 * forum-feed reply composer and new-thread form, the qa-box answer composer and ask form. It follows
 * the WAI-ARIA APG combobox pattern (list autocomplete) as far as a <textarea> allows: it keeps its
 * textbox role (ARIA in HTML forbids role=combobox on it) with `aria-autocomplete="list"`,
 * `aria-controls` and `aria-activedescendant`; the suggestions are a `listbox` of `option`s. Typing `@` and the start of a
 * name asks the backend (`searchPeople`, debounced, the previous request aborted); ArrowDown/ArrowUp
 * move, Enter or Tab picks, Escape closes. Picking writes the contract's `@[Name](id)` in place of the
 * `@query` and fires an `input` event, so the host's own input handler keeps its state, draft and
 * validation as if it had been typed.
 *
 * Only the lazy parts import this module (composer, new-thread, ask form): no element's first load
 * carries it. A backend without `searchPeople` leaves the textarea a plain textarea: no role, no popup.
 *
 * @example
 * // in the part's controller
 * this.mentions = new MentionSuggest(host, { backend: () => host.backend });
 * // in its template
 * html`<textarea ${mentionCombobox(this.mentions)} …></textarea>${mentionListbox(this.mentions, label)}`
 */
import { html, nothing, noChange, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { mentionMarkdown, type Person } from '../contract/index.js';
import type { CommunityBackend } from '../backends/types.js';
import { avatar } from './states.js';

/** How long typing must pause before the backend is asked. */
export const MENTION_DEBOUNCE_MS = 150;

/**
 * The `@query` just before the caret: `@` at the start or after a space or an opening bracket, then
 * up to 40 characters of a name with no space, `@` or Markdown brackets.
 */
const QUERY_BEFORE_CARET = /(?:^|[\s([{])@([^\s@[\]()]{1,40})$/u;

export interface MentionSuggestOptions {
  /** The backend to ask; suggestions are off while it has no `searchPeople`. */
  backend: () => CommunityBackend | undefined;
}

let seq = 0;

export class MentionSuggest implements ReactiveController {
  /** The people suggested for the current `@query`; the popup is open while this is non-empty. */
  options: Person[] = [];
  /** Index of the highlighted option, -1 for none. */
  active = -1;
  /** Ids for the ARIA wiring, unique within the host's shadow root. */
  readonly listboxId = `mentions-${++seq}`;

  private field: HTMLTextAreaElement | undefined;
  /** Where the `@` of the current query is in the text, and the query itself. */
  private range: { at: number; query: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: MentionSuggestOptions,
  ) {
    host.addController(this);
  }

  /** True when the backend can suggest people; otherwise the textarea stays plain. */
  get available(): boolean {
    return typeof this.opts.backend()?.searchPeople === 'function';
  }

  get open(): boolean {
    return this.options.length > 0;
  }

  /** The id of option `i`, for `aria-activedescendant`. */
  optionId(i: number): string {
    return `${this.listboxId}-${i}`;
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Called by the directive once per textarea. */
  attach(field: HTMLTextAreaElement): void {
    if (this.field === field) return;
    this.field = field;
    field.addEventListener('input', () => this.onInput());
    field.addEventListener('keydown', (e) => this.onKeydown(e));
    // A click elsewhere closes; picking with the mouse happens on mousedown, before this.
    field.addEventListener('blur', () => this.close());
    field.addEventListener('click', () => this.onInput());
  }

  /** Re-reads the `@query` before the caret and asks for suggestions after a pause. */
  onInput(): void {
    const field = this.field;
    if (!field || !this.available) return;
    const before = field.value.slice(0, field.selectionStart ?? field.value.length);
    const m = QUERY_BEFORE_CARET.exec(before);
    if (!m) return this.close();
    const query = m[1]!;
    this.range = { at: before.length - query.length - 1, query };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(query), MENTION_DEBOUNCE_MS);
  }

  onKeydown(e: KeyboardEvent): void {
    if (!this.open || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const n = this.options.length;
    switch (e.key) {
      case 'ArrowDown':
        this.highlight((this.active + 1) % n);
        break;
      case 'ArrowUp':
        this.highlight(this.active <= 0 ? n - 1 : this.active - 1);
        break;
      case 'Enter':
      case 'Tab':
        if (this.active < 0) return; // nothing chosen: Enter is a new line, Tab leaves the field
        this.pick(this.active);
        break;
      case 'Escape':
        this.close();
        break;
      default:
        return;
    }
    // The key was the popup's: no new line, no focus move, and Escape must not close a form around it.
    e.preventDefault();
    e.stopPropagation();
  }

  /** Writes option `i` as `@[Name](id)` in place of the `@query`, followed by a space. */
  pick(i: number): void {
    const person = this.options[i];
    const field = this.field;
    const range = this.range;
    if (!person || !field || !range) return;
    const end = range.at + 1 + range.query.length;
    const inserted = `${mentionMarkdown(person)} `;
    field.value = field.value.slice(0, range.at) + inserted + field.value.slice(end);
    const caret = range.at + inserted.length;
    field.setSelectionRange(caret, caret);
    this.close();
    // The host's own @input handler takes the new text (state, draft, validation) as if typed.
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.focus();
  }

  /** Closes the popup and forgets any request on its way. */
  close(): void {
    clearTimeout(this.timer);
    this.request?.abort();
    this.request = undefined;
    this.range = undefined;
    if (!this.open && this.active === -1) return;
    this.options = [];
    this.active = -1;
    this.host.requestUpdate();
  }

  private highlight(i: number): void {
    this.active = i;
    this.host.requestUpdate();
    // Long lists scroll to keep the highlighted option in view.
    void this.host.updateComplete.then(() =>
      this.field?.getRootNode() instanceof ShadowRoot
        ? (this.field.getRootNode() as ShadowRoot).getElementById(this.optionId(i))?.scrollIntoView({ block: 'nearest' })
        : undefined,
    );
  }

  private async search(query: string): Promise<void> {
    const search = this.opts.backend()?.searchPeople;
    if (!search) return;
    this.request?.abort();
    const request = (this.request = new AbortController());
    let people: Person[];
    try {
      people = await search.call(this.opts.backend(), query, { signal: request.signal });
    } catch {
      // Suggestions are a convenience: a failure (signed out, offline) leaves plain typing.
      people = [];
    }
    if (request.signal.aborted || this.range?.query !== query) return;
    this.options = people;
    this.active = people.length ? 0 : -1;
    this.host.requestUpdate();
  }
}

/** Element directive: makes the textarea it is on the combobox of `suggest` (or leaves it plain). */
class MentionComboboxDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('mentionCombobox() goes on the <textarea> itself');
  }

  render(_suggest: MentionSuggest): unknown {
    return noChange;
  }

  override update(part: ElementPart, [suggest]: [MentionSuggest]): unknown {
    const field = part.element as HTMLTextAreaElement;
    if (!suggest.available) {
      for (const name of ['aria-autocomplete', 'aria-controls', 'aria-activedescendant']) field.removeAttribute(name);
      return noChange;
    }
    suggest.attach(field);
    // Not role=combobox: ARIA in HTML allows no role on <textarea> (axe's aria-allowed-role fails every
    // element's existing axe test), and aria-expanded is not allowed on its textbox role. The textbox
    // keeps the rest of the APG wiring: list autocomplete, the listbox it controls, the active option.
    field.setAttribute('aria-autocomplete', 'list');
    field.setAttribute('aria-controls', suggest.listboxId);
    if (suggest.open && suggest.active >= 0) field.setAttribute('aria-activedescendant', suggest.optionId(suggest.active));
    else field.removeAttribute('aria-activedescendant');
    return noChange;
  }
}

/** Put on the `<textarea>`: `<textarea ${mentionCombobox(suggest)}>`. */
export const mentionCombobox = directive(MentionComboboxDirective);

/**
 * The popup, rendered right after the textarea: an anchor of no height, with the listbox hanging
 * under the field. Always in the DOM while suggestions are available, so `aria-controls` resolves.
 *
 * Parts: `mentions`, `mention-option`.
 */
export function mentionListbox(suggest: MentionSuggest, label: string): TemplateResult | typeof nothing {
  if (!suggest.available) return nothing;
  return html`<div class="mention-anchor">
    <ul
      id=${suggest.listboxId}
      class="mentions"
      part="mentions"
      role="listbox"
      aria-label=${label}
      ?hidden=${!suggest.open}
      @mousedown=${(e: Event) => e.preventDefault() /* keep focus (and the caret) in the textarea */}
    >
      ${suggest.options.map(
        (p, i) => html`<li
          id=${suggest.optionId(i)}
          role="option"
          part="mention-option"
          aria-selected=${i === suggest.active ? 'true' : 'false'}
          @click=${() => suggest.pick(i)}
        >
          ${avatar(p)}<span class="mention-name">${p.name}</span>${p.orgName ? html`<span class="mention-org">${p.orgName}</span>` : nothing}
        </li>`,
      )}
    </ul>
  </div>`;
}
