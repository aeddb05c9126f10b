import { svg, type SVGTemplateResult } from 'lit';
import type { CertStatus } from '../../contract/certifications.js';

// Our own fixed icons (never issuer markup). Hidden from assistive tech: text beside them says the same.
// The cross only marks failed verifications, so it lives with the verdict (verdict.ts).
export const wrap = (body: SVGTemplateResult) =>
  svg`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${body}</svg>`;

export const iconCheck = () => wrap(svg`<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M4.5 8.2l2.3 2.3 4.7-4.9" fill="none" stroke="var(--_surface)" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>`);
export const iconClock = () => wrap(svg`<circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M8 4.5V8l2.4 1.6" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>`);
export const iconBan = () => wrap(svg`<circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M3.8 12.2l8.4-8.4" stroke="currentColor" stroke-width="1.8"/>`);
export const iconWarn = () => wrap(svg`<path d="M8 1.8l6.6 12H1.4z" fill="currentColor"/><path d="M8 6.2v3.6" stroke="var(--_surface)" stroke-width="1.7" stroke-linecap="round"/><circle cx="8" cy="11.9" r="0.95" fill="var(--_surface)"/>`);

export function statusIcon(s: CertStatus): SVGTemplateResult {
  return s === 'active' ? iconCheck() : s === 'expiring' ? iconClock() : s === 'expired' ? iconWarn() : iconBan();
}
