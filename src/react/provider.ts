import * as React from 'react';
import { createComponent } from '@lit/react';
import { ConfabProvider } from '../core/provider.js';
import '../elements/provider/define.js';

/**
 * `<confab-provider>` for React: gives its subtree a backend. `backend` is set as a property
 * (objects cannot be attributes), `api` as an attribute.
 *
 * @example
 * <Provider backend={new RestBackend({ baseUrl: '/api', getToken })}><ForumFeed /></Provider>
 */
export const Provider = createComponent({
  tagName: 'confab-provider',
  elementClass: ConfabProvider,
  react: React,
  displayName: 'ConfabProvider',
});
