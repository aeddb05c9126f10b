import { ConfabForumFeed } from './forum-feed.js';

ConfabForumFeed.define('confab-forum-feed');

declare global {
  interface HTMLElementTagNameMap {
    'confab-forum-feed': ConfabForumFeed;
  }
}
