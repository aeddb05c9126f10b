import * as React from 'react';
import { createComponent } from '@lit/react';
import { ConfabForumFeed } from '../elements/forum-feed/forum-feed.js';
import '../elements/forum-feed/define.js';
import { loadEvents, on } from './events.js';

/**
 * `<confab-forum-feed>` for React. Rendering it registers the tag.
 *
 * @example
 * <ForumFeed category="partners" pageSize={8} compose onConfabThreadOpen={(e) => route(e.detail.id)} />
 */
export const ForumFeed = createComponent({
  tagName: 'confab-forum-feed',
  elementClass: ConfabForumFeed,
  react: React,
  displayName: 'ForumFeed',
  events: { ...loadEvents, onConfabThreadOpen: on('confab-thread-open'), onConfabReported: on('confab-reported') },
});
