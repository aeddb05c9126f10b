import * as React from 'react';
import { createComponent } from '@lit/react';
import { ConfabCertBadge } from '../elements/cert-badge/cert-badge.js';
import '../elements/cert-badge/define.js';
import { loadEvents, on } from './events.js';

/**
 * `<confab-cert-badge>` for React. Rendering it registers the tag.
 *
 * @example
 * <CertBadge org="org-northwind" layout="list" onConfabVerified={(e) => log(e.detail.result)} />
 */
export const CertBadge = createComponent({
  tagName: 'confab-cert-badge',
  elementClass: ConfabCertBadge,
  react: React,
  displayName: 'CertBadge',
  events: { ...loadEvents, onConfabVerified: on('confab-verified') },
});
