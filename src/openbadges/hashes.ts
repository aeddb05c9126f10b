/**
 * The digests a recipient check needs, injected: the browser passes WebCrypto's SHA-256 and the
 * small md5.ts (WebCrypto has no MD5), the server node:crypto. Each returns lowercase hex.
 */
export interface Hashes {
  sha256(text: string): string | Promise<string>;
  md5(text: string): string | Promise<string>;
}
