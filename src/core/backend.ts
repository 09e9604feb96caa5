/**
 * The one place that picks the TensorFlow.js backend for the page.
 *
 * Order: WebGPU, then WebGL, then CPU, unless an author forces one with
 * `backend="webgpu|webgl|wasm|cpu"` on an element. The first request decides and
 * every later request gets the same answer: tfjs has one active backend per page,
 * and switching it under a running model would move every tensor.
 *
 * `tf.setBackend` fails in two ways and both are handled: it throws for a name that
 * was never registered, and resolves `false` when registration exists but
 * initialisation fails (no adapter, no WebGL context).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

import type { BackendName } from './backend-name.js';

import { prepareWasm } from './wasm-setup.js';

export { BACKEND_NAMES, parseBackendName, type BackendName } from './backend-name.js';
export { setWasmPaths } from './wasm-setup.js';

/** The automatic order. WASM is left out: it cannot train (no Conv2DBackpropFilter). */
const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software rasterisers (SwiftShader) and fallback adapters. */
  isSoftware: boolean;
}

export interface BackendAttempt {
  name: BackendName;
  /** Why it was not used, in words. */
  error: string;
}

export interface BackendReport {
  /** The backend in use. */
  name: BackendName;
  /** What was asked for: a forced name, or 'auto'. */
  requested: BackendName | 'auto';
  /** Short label for a badge, e.g. "webgpu (software adapter: swiftshader)". */
  label: string;
  /** One sentence on why this backend was chosen. */
  reason: string;
  /** Backends tried before this one, and why each failed. */
  skipped: BackendAttempt[];
  /** The WebGPU adapter, or the WebGL renderer, when the backend is one of those. */
  adapter?: AdapterInfo;
}

let choice: Promise<BackendReport> | undefined;

/**
 * Resolves with the page's backend, ready for work. The first call chooses; later
 * calls return the same report whatever they request (see `report.requested`).
 */
export function ensureBackend(request: BackendName | 'auto' = 'auto'): Promise<BackendReport> {
  choice ??= choose(request);
  return choice;
}

/** The report of the backend already chosen, if any. */
export function currentBackend(): Promise<BackendReport> | undefined {
  return choice;
}

async function choose(request: BackendName | 'auto'): Promise<BackendReport> {
  const order = request === 'auto' ? AUTO_ORDER : [request];
  const skipped: BackendAttempt[] = [];
  for (const name of order) {
    const error = await tryBackend(name);
    if (error === undefined) {
      const adapter = name === 'webgpu' ? await readAdapterInfo() : name === 'webgl' ? readWebGLRenderer() : undefined;
      return describe(name, request, skipped, adapter);
    }
    skipped.push({ name, error });
  }
  if (request !== 'auto') {
    const why = skipped.map((s) => s.error).join('; ');
    throw new Error(
      `The ${request} backend is not available in this browser (${why}). ` +
        `Remove the backend="${request}" attribute to let the element choose one that works.`,
    );
  }
  // Unreachable in practice: the CPU backend always initialises.
  throw new Error(`No TensorFlow.js backend could start: ${skipped.map((s) => `${s.name}: ${s.error}`).join('; ')}`);
}

/** Registers (by importing) and activates one backend; returns why it failed, or undefined. */
async function tryBackend(name: BackendName): Promise<string | undefined> {
  try {
    const unavailable = await register(name);
    if (unavailable) return unavailable;
    const ok = await tf.setBackend(name);
    if (!ok) return 'it failed to initialise';
    await tf.ready();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Imports a backend's module on demand; returns a reason when it cannot exist here. */
async function register(name: BackendName): Promise<string | undefined> {
  switch (name) {
    case 'webgpu':
      // The module registers itself only where navigator.gpu exists; import it only there.
      if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
        return 'navigator.gpu is missing (WebGPU is not supported or not enabled)';
      }
      if (!(await navigator.gpu.requestAdapter())) return 'navigator.gpu.requestAdapter() found no adapter';
      await import('@tensorflow/tfjs-backend-webgpu');
      return undefined;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return undefined;
    case 'wasm':
      return prepareWasm();
    case 'cpu':
      return undefined;
  }
}

async function readAdapterInfo(): Promise<AdapterInfo | undefined> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return undefined;
  // `adapter.info` is newer than the WebGPU typings tfjs ships with.
  const info: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean } =
    (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info ?? {};
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const description = info.description ?? '';
  const isSoftware =
    Boolean(info.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter) ||
    /swiftshader|llvmpipe|software|lavapipe/i.test(`${vendor} ${architecture} ${description}`);
  return { vendor, architecture, device: info.device ?? '', description, isSoftware };
}

/**
 * WebGL may run on SwiftShader (the CPU) where there is no GPU: say so, so that nobody
 * reads its timings as GPU timings. A throwaway context shows the renderer.
 */
function readWebGLRenderer(): AdapterInfo | undefined {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return undefined;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const description = ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '';
  const vendor = ext ? String(gl.getParameter(ext.UNMASKED_VENDOR_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  const soft = /swiftshader|llvmpipe|software/i.exec(description);
  return {
    vendor,
    architecture: soft ? soft[0].toLowerCase() : '',
    device: '',
    description,
    isSoftware: Boolean(soft),
  };
}

function describe(
  name: BackendName,
  requested: BackendName | 'auto',
  skipped: BackendAttempt[],
  adapter?: AdapterInfo,
): BackendReport {
  let label: string = name;
  if (adapter) {
    const which = adapter.architecture || adapter.vendor || adapter.description || 'unknown';
    const kind = name === 'webgl' ? 'renderer' : 'adapter';
    label = `${name} (${adapter.isSoftware ? `software ${kind}` : kind}: ${which})`;
  }
  let reason: string;
  if (requested !== 'auto') reason = `${name} was forced by the backend attribute.`;
  else if (skipped.length === 0) reason = `${name} is the first choice and it is available.`;
  else reason = `${name} is used because ${skipped.map((s) => `${s.name} is unavailable (${s.error})`).join(' and ')}.`;
  return { name, requested, label, reason, skipped, adapter };
}
