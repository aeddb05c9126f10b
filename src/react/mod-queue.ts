import * as React from 'react';
import { createComponent } from '@lit/react';
import { ConfabModQueue } from '../elements/mod-queue/mod-queue.js';
import '../elements/mod-queue/define.js';
import { on } from './events.js';

/**
 * `<confab-mod-queue>` for React. Rendering it registers the tag.
 *
 * @example
 * <ModQueue filter="flagged" live onConfabModerated={(e) => log(e.detail.action, e.detail.targets)} />
 */
export const ModQueue = createComponent({
  tagName: 'confab-mod-queue',
  elementClass: ConfabModQueue,
  react: React,
  displayName: 'ModQueue',
  events: { onConfabLoad: on('confab-load'), onConfabError: on('confab-error'), onConfabModerated: on('confab-moderated') },
});
