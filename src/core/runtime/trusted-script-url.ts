/**
 * A worker's script URL as the page requires it. A page that enforces Trusted Types
 * (Content-Security-Policy `require-trusted-types-for 'script'`, as hardened sites do)
 * refuses a plain string at `new Worker`: it wants a TrustedScriptURL made by a named
 * policy. This library's policy is "cnn-elements"; a page that lists its allowed policies
 * (`trusted-types lit-html cnn-elements`) must name it. It passes on only the URLs this
 * library builds for its own workers: the trainer's script (shipped, or the one the page
 * configured) and the blob: and data: modules it writes itself.
 */

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

export const TRUSTED_TYPES_POLICY = 'cnn-elements';

/** The policy once made; null where the page's trusted-types list refuses its name. */
let policy: ScriptUrlPolicy | null | undefined;

/** `url` for `new Worker(…)`: as it is, or made trusted where the browser has Trusted Types. */
export function workerScriptUrl(url: string): string {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return url;
  if (policy === undefined) {
    try {
      policy = factory.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: (u) => u });
    } catch {
      // Not on the page's list: the worker fails to start, and the trainer says why.
      policy = null;
    }
  }
  // A TrustedScriptURL stands wherever the URL string does (the Worker constructor takes both).
  return policy ? (policy.createScriptURL(url) as string) : url;
}
