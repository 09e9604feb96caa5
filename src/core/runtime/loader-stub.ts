/**
 * Some webpack sites run every image file through url-loader or file-loader, also the sample
 * photos the library names in `new URL('…', import.meta.url)` (Docusaurus does). The file
 * emitted under the photo's name is then a JavaScript module that says where the photo went:
 *
 *   export default __webpack_public_path__ + "assets/images/cat-1a2b3c.jpg";
 *   export default "data:image/jpeg;base64,…";      (small files, inlined)
 *
 * Following it costs one more request; it saves every such site a loader rule in its config.
 */

const STUB = /^export default (__webpack_public_path__ \+ )?"([^"]+)";?\s*$/;
/** url-loader inlines files up to about 10 KB: a stub is never larger than its base64. */
const MAX_STUB_BYTES = 64 * 1024;

/**
 * Where the real image is, when `blob` (fetched from `url`) is such a module; else undefined.
 * The public path is the folder the module itself was emitted to (webpack puts assets named by
 * `new URL` at the root of its output, which is the public path).
 */
export async function loaderStubTarget(blob: Blob, url: string): Promise<string | undefined> {
  if (blob.size > MAX_STUB_BYTES) return undefined;
  const head = new TextDecoder().decode(await blob.slice(0, 15).arrayBuffer());
  if (head !== 'export default ') return undefined;
  const match = STUB.exec(await blob.text());
  if (!match) return undefined;
  return match[1] ? new URL(match[2], url).href : match[2];
}
