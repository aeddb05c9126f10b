/** Open Badges 3.0 verification, shared by the browser and the server: pure logic over an injected fetcher. */
export { verifyCredential, type VerifyCredentialOptions } from './verify-credential.js';
export { Ob3FetchError, type FetchText, type FetchedText, type FetchTextOptions } from './fetcher.js';
export { didWebDocumentUrl } from './did-web.js';
export { readStatusBit } from './status.js';
export { decodeJws, JWS_ALGORITHMS } from './jws.js';
