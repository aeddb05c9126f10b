import { ConfabProvider } from '../../core/provider.js';

ConfabProvider.define('confab-provider');

declare global {
  interface HTMLElementTagNameMap {
    'confab-provider': ConfabProvider;
  }
}
