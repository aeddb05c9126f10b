import { ConfabInsights } from './insights.js';

ConfabInsights.define('confab-insights');

declare global {
  interface HTMLElementTagNameMap {
    'confab-insights': ConfabInsights;
  }
}
