import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { DELIVERY_MODES, NOTIFICATION_TYPES, type DeliveryMode, type NotificationType, type Preferences } from '../../../contract/notifications.js';
import { toConfabError, AuthError, type ConfabError } from '../../../core/errors.js';
import { emit } from '../../../core/events.js';
import { emptyState, errorState, skeleton } from '../../../ui/states.js';
import { HEADING_ID, type NotificationsHost } from '../host.js';
import { deliveryLabel, typeLabel } from './labels.js';
import { preferencesStyles } from './preferences.styles.js';

export const styles = [preferencesStyles];

/**
 * The preferences panel: for each event type, in-app only, email at once, daily or weekly digest, or
 * off. Loads the partner's choices when shown, saves them all with one PUT.
 */
export class PreferencesPanel {
  private loaded?: Preferences;
  private draft?: Preferences;
  private error?: ConfabError;
  private saving = false;
  private loading?: Promise<void>;

  constructor(private readonly host: NotificationsHost) {}

  private load(): Promise<void> {
    const backend = this.host.backendNow();
    if (!backend) return Promise.resolve();
    this.error = undefined;
    return (this.loading ??= backend.getPreferences().then(
      (p) => {
        this.loaded = p;
        this.draft = { ...p };
      },
      (e) => {
        this.error = toConfabError(e);
        emit(this.host, 'confab-error', { error: this.error, status: this.error.status });
      },
    ).finally(() => {
      this.loading = undefined;
      this.host.requestUpdate();
    }));
  }

  render(): TemplateResult {
    if (!this.draft && !this.error && !this.loading) void this.load();
    return html`<div class="header" part="header">
        <h2 id=${HEADING_ID} class="heading" tabindex="-1">${msg('Notification preferences', { id: 'notifications-preferences-heading' })}</h2>
        <button type="button" class="btn small ghost" part="button back" @click=${() => this.back()}>${msg('Back', { id: 'notifications-back' })}</button>
      </div>
      ${this.body()}`;
  }

  private back(): void {
    // Unsaved choices are dropped: the next visit shows what the backend has.
    this.draft = this.loaded && { ...this.loaded };
    this.host.showPanel('list');
  }

  private body(): TemplateResult {
    if (this.error instanceof AuthError) return emptyState(msg('Sign in to see your notifications.', { id: 'notifications-signed-out' }));
    if (this.error) return errorState(this.error, () => void this.load());
    const draft = this.draft;
    if (!draft) return html`<div aria-busy="true">${skeleton(2)}</div>`;
    return html`<form class="prefs" @submit=${(e: Event) => (e.preventDefault(), void this.save())}>
      <p class="hint">${msg('How should each kind of news reach you?', { id: 'notifications-preferences-hint' })}</p>
      ${NOTIFICATION_TYPES.map((type) => {
        // The moderation types come only to moderators: a backend leaves them out for everyone else.
        const mode = draft[type];
        return mode ? this.choice(type, mode) : nothing;
      })}
      <div class="row">
        <button type="submit" class="btn primary small" part="button save" ?disabled=${this.saving}>
          ${msg('Save preferences', { id: 'notifications-save' })}
        </button>
      </div>
    </form>`;
  }

  private choice(type: NotificationType, value: DeliveryMode): TemplateResult {
    const id = `pref-${type}`;
    return html`<div class="pref">
      <label for=${id}>${typeLabel(type)}</label>
      <select id=${id} part="input" .value=${value} @change=${(e: Event) => this.pick(type, (e.target as HTMLSelectElement).value as DeliveryMode)}>
        ${DELIVERY_MODES.map((d) => html`<option value=${d} ?selected=${d === value}>${deliveryLabel(d)}</option>`)}
      </select>
    </div>`;
  }

  private pick(type: NotificationType, delivery: DeliveryMode): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, [type]: delivery };
    this.host.requestUpdate();
  }

  private async save(): Promise<void> {
    const backend = this.host.backendNow();
    if (!backend || !this.draft || this.saving) return;
    this.saving = true;
    this.host.requestUpdate();
    try {
      this.loaded = await backend.setPreferences(this.draft);
      this.draft = { ...this.loaded };
      this.host.announce(msg('Preferences saved.', { id: 'notifications-saved' }));
    } catch (e) {
      const error = toConfabError(e);
      emit(this.host, 'confab-error', { error, status: error.status });
      this.host.announce(msg('Could not save your preferences. Try again.', { id: 'notifications-save-failed' }));
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }
}
