/**
 * Why a shipped file the browser refused (the training worker's script, a `.wasm` binary)
 * could not be used, in words that name the URL and the fix. The browser only says "failed
 * to load"; asking the server again, and listening for the page's Content-Security-Policy
 * reports, tells a missing file, a wrong MIME type and a blocking policy apart.
 *
 * No tfjs here. Only called after something failed, so a page that works makes no extra request.
 */

import { TRUSTED_TYPES_POLICY } from './trusted-script-url.js';
import { inOpaqueOrigin } from './spawn-worker.js';

/** What a file must be served as. */
export interface ExpectedType {
  /** The Content-Type values that work. */
  type: RegExp;
  /** How to say it: "JavaScript (text/javascript)". */
  name: string;
}

export const JAVASCRIPT: ExpectedType = {
  type: /\b(java|ecma)script\b/i,
  name: 'JavaScript (text/javascript)',
};

/**
 * Asks the server for `url` again (HEAD) and says what is wrong with its answer: a status
 * other than 2xx, or a Content-Type that is not `expected`. Undefined when the answer looks
 * right or the question itself fails (another origin without CORS, say).
 */
export async function serverProblem(url: string, expected?: ExpectedType): Promise<string | undefined> {
  if (!/^https?:/i.test(url)) return undefined;
  let answer: Response;
  try {
    answer = await fetch(url, { method: 'HEAD', cache: 'no-store' });
  } catch {
    return undefined;
  }
  if (!answer.ok)
    return `${url} answered ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}: the file is not served there`;
  const type = answer.headers.get('content-type') ?? '';
  if (expected && !expected.type.test(type)) {
    return `${url} is served as "${type || 'no type'}", but it must be served as ${expected.name}: fix the server's MIME type for that file`;
  }
  return undefined;
}

/**
 * Records the page's Content-Security-Policy violations for the directives given, from now
 * on; `stop()` ends listening and returns the first one, described, or undefined.
 */
export function watchPolicy(directives: RegExp): { stop(): string | undefined } {
  let seen: string | undefined;
  const onViolation = (e: SecurityPolicyViolationEvent) => {
    if (!seen && directives.test(e.effectiveDirective)) seen = e.effectiveDirective;
  };
  const target = typeof document === 'undefined' ? undefined : document;
  target?.addEventListener('securitypolicyviolation', onViolation);
  return {
    stop() {
      target?.removeEventListener('securitypolicyviolation', onViolation);
      return seen;
    },
  };
}

/** The sentence for a worker script that did not start: the policy, the server's answer, or the browser's own words. */
export async function workerProblem(
  url: string,
  policy: string | undefined,
  browserSaid: string,
): Promise<string> {
  // In a sandboxed frame the worker is a data: module (spawn-worker.ts), elsewhere a blob: one.
  const opaque = inOpaqueOrigin();
  if (policy) {
    return `this page's Content-Security-Policy (${policy}) blocks its worker script: allow ${new URL(url, location.href).origin} (and ${opaque ? 'data:' : 'blob:'}) in worker-src`;
  }
  if (/TrustedScriptURL/.test(browserSaid))
    return `this page enforces Trusted Types and refused the worker's script: add ${TRUSTED_TYPES_POLICY} to the trusted-types list of its Content-Security-Policy`;
  const server = await serverProblem(url, JAVASCRIPT);
  if (server) return server;
  if (opaque)
    return `this page is in a frame sandboxed without allow-same-origin, where its worker did not start (${browserSaid}): add allow-same-origin to the iframe's sandbox attribute`;
  return `its script ${url} did not start (${browserSaid})`;
}

/** The smallest valid WebAssembly module: the magic number and version, nothing else. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * Undefined where this page (or worker) may compile WebAssembly; else why not. A page whose
 * Content-Security-Policy lacks 'wasm-unsafe-eval' refuses every module, this tiny one too.
 */
export async function wasmPolicyProblem(): Promise<string | undefined> {
  try {
    await WebAssembly.compile(EMPTY_MODULE);
    return undefined;
  } catch (e) {
    const said = e instanceof Error ? e.message : String(e);
    if (!/Content.Security.Policy|unsafe-eval/i.test(said)) return undefined;
    return "this page's Content-Security-Policy forbids compiling WebAssembly: add 'wasm-unsafe-eval' to its script-src";
  }
}
