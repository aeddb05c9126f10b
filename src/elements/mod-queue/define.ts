import { ConfabModQueue } from './mod-queue.js';

ConfabModQueue.define('confab-mod-queue');

declare global {
  interface HTMLElementTagNameMap {
    'confab-mod-queue': ConfabModQueue;
  }
}
