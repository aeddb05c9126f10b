import type { EventName } from '@lit/react';
import type { ConfabEvent, ConfabEventName } from '../core/events.js';

/** A `confab-*` event name carrying its event type, so `createComponent` types the handler prop. */
export const on = <K extends ConfabEventName>(name: K) => name as EventName<ConfabEvent<K>>;

// Each element fires a different subset (see its class JSDoc, `@fires`); listing only those keeps
// the props honest: `<QaBox onConfabVerified>` is a type error, not a silent no-op.
export const loadEvents = {
  onConfabLoad: on('confab-load'),
  onConfabError: on('confab-error'),
  onConfabAuthRequired: on('confab-auth-required'),
} as const;
