import { ConfabQaBox } from './qa-box.js';

ConfabQaBox.define('confab-qa-box');

declare global {
  interface HTMLElementTagNameMap {
    'confab-qa-box': ConfabQaBox;
  }
}
