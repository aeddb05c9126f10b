/**
 * `configure()` as exported to bundler users: a plain `api` gets a RestBackend with no further setup.
 * The script-tag loader registers the REST factory in boot.ts instead, so that core never pulls ky
 * into a chunk that does not need it.
 */
import { configure as configureCore, setRestFactory, type ConfabOptions } from './core/config.js';
import { RestBackend } from './backends/rest/index.js';

let factoryRegistered = false;

/**
 * Sets page-wide options; later calls merge into earlier ones.
 *
 * @example
 * configure({ api: 'https://community.example.com/api', getToken: () => portal.jwt() });
 */
export function configure(options: ConfabOptions): void {
  if (!factoryRegistered) {
    setRestFactory(({ api, getToken }) => new RestBackend({ baseUrl: api, getToken }));
    factoryRegistered = true;
  }
  configureCore(options);
}
