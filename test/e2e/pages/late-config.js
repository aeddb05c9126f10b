// The portal's token provider (?token=), configured by a module script after the loader's, as
// demo/portal.js does. The test holds this file back until the loader's chunks are in.
import { configure } from '/dist/confab.js';

const token = new URLSearchParams(location.search).get('token');
configure({ getToken: () => token });
