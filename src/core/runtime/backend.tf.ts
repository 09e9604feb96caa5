/**
 * The one place that picks the TensorFlow.js backend for the page.
 *
 * Automatic order, by evidence (see `rank`): a real GPU (WebGPU, then WebGL), then wasm
 * (SIMD; multi-threaded where the page is cross-origin isolated), then cpu, and last the
 * software GPU adapters and renderers (SwiftShader, llvmpipe, lavapipe, WARP), which draw
 * on the CPU and run a convolution many times slower than wasm does. Where a real GPU and
 * wasm are both on offer, a short calibration (`backend-calibration.ts`) times them and
 * its verdict is kept for the browsing session. An author may force one with
 * `backend="webgpu|webgl|wasm|cpu"` on an element. The first request decides and every
 * later request gets the same answer: tfjs has one active backend per page, and switching
 * it under a running model would move every tensor.
 *
 * `tf.setBackend` fails in two ways and both are handled: it throws for a name that
 * was never registered, and resolves `false` when registration exists but
 * initialisation fails (no adapter, no WebGL context, a wasm binary that did not load).
 * Either way the next candidate is tried and the report says why.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

import type { BackendName } from './backend-name.js';
import { config } from './config-state.js';
import { calibrate, type Calibration } from './backend-calibration.tf.js';
import { prepareWasm, wasmStartProblem } from './wasm-setup.tf.js';
import { registerCpuKernels } from './cpu-kernels.tf.js';
import { surveyGpus, type AdapterInfo, type Survey } from './gpu-survey.js';

export { BACKEND_NAMES, parseBackendName, type BackendName } from './backend-name.js';
export { setWasmPaths } from './wasm-paths.js';
export { surveyGpus, type AdapterInfo, type Survey } from './gpu-survey.js';

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
  /** Short label for a badge, e.g. "wasm (SIMD, 1 thread)" or "webgl (renderer: …)". */
  label: string;
  /** Why this backend was chosen: what was found, measured or ranked. */
  reason: string;
  /** Backends tried before this one, and why each failed. */
  skipped: BackendAttempt[];
  /** The WebGPU adapter, or the WebGL renderer, when the backend is one of those. */
  adapter?: AdapterInfo;
  /** The automatic order this page got, best first (absent when forced). */
  order?: BackendName[];
  /** The timings that decided between a GPU and wasm, where that was measured. */
  calibration?: Calibration;
}

let choice: Promise<BackendReport> | undefined;

/**
 * Resolves with the page's backend, ready for work. The first call chooses; later
 * calls return the same report whatever they request (see `report.requested`).
 */
export function ensureBackend(request: BackendName | 'auto' = 'auto'): Promise<BackendReport> {
  choice ??= choose(request === 'auto' ? (config().backend ?? 'auto') : request);
  return choice;
}

/** The report of the backend already chosen, if any. */
export function currentBackend(): Promise<BackendReport> | undefined {
  return choice;
}

/**
 * The automatic order for what the survey found, best first: real GPUs, then wasm and
 * cpu, then software GPUs (WebGL before WebGPU: on SwiftShader WebGL is several times
 * faster). A missing GPU API still appears, last, so that the report can say why it
 * was not used.
 */
export function rank(survey: Survey): BackendName[] {
  const real = (name: 'webgpu' | 'webgl') => typeof survey[name] !== 'string' && !survey[name].isSoftware;
  const soft = (name: 'webgpu' | 'webgl') => typeof survey[name] !== 'string' && survey[name].isSoftware;
  const gpus = (['webgpu', 'webgl'] as const).filter(real);
  const software = (['webgl', 'webgpu'] as const).filter(soft);
  const missing = (['webgpu', 'webgl'] as const).filter((n) => typeof survey[n] === 'string');
  return [...gpus, 'wasm', 'cpu', ...software, ...missing];
}

async function choose(request: BackendName | 'auto'): Promise<BackendReport> {
  const skipped: BackendAttempt[] = [];
  if (request !== 'auto') {
    const error = await tryBackend(request);
    if (error === undefined) return describe(request, request, skipped, await adapterOf(request));
    throw new Error(
      `The ${request} backend is not available in this browser (${error}). ` +
        `Remove the backend="${request}" attribute to let the element choose one that works.`,
    );
  }
  const survey = await surveyGpus();
  let order = rank(survey);
  let calibration: Calibration | undefined;
  // A real GPU against wasm: which is faster depends on the GPU, so measure.
  if (order[0] === 'webgpu' || order[0] === 'webgl') {
    const gpu = order[0];
    const info = survey[gpu] as AdapterInfo;
    try {
      calibration = await calibrate(
        [gpu, 'wasm'],
        `${gpu}:${info.vendor}:${info.architecture}:${info.description}`,
        tryBackend,
      );
      if (calibration.winner === 'wasm') order = ['wasm', ...order.filter((n) => n !== 'wasm')];
    } catch (e) {
      // A calibration that throws proves nothing either way: keep the ranked order.
      calibration = {
        winner: gpu,
        timings: {},
        cached: false,
        note: `the calibration failed (${messageOf(e)}), so the ranked order stands`,
      };
    }
  }
  for (const name of order) {
    const missing = name === 'webgpu' || name === 'webgl' ? survey[name] : undefined;
    const error = typeof missing === 'string' ? missing : await tryBackend(name);
    if (error === undefined) {
      const report = describe(name, request, skipped, await adapterOf(name, survey), survey);
      if (calibration)
        report.reason += ` ${calibration.note}${calibration.cached ? ' (kept from earlier in this session)' : ''}`;
      return { ...report, order, calibration };
    }
    skipped.push({ name, error });
  }
  // Unreachable in practice: the CPU backend always initialises.
  throw new Error(
    `No TensorFlow.js backend could start: ${skipped.map((s) => `${s.name}: ${s.error}`).join('; ')}`,
  );
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The GPU behind a backend, from the survey already made (a forced backend has none yet). */
async function adapterOf(name: BackendName, survey?: Survey): Promise<AdapterInfo | undefined> {
  if (name !== 'webgpu' && name !== 'webgl') return undefined;
  const found = (survey ?? (await surveyGpus()))[name];
  return typeof found === 'string' ? undefined : found;
}

/** Registers (by importing) and activates one backend; returns why it failed, or undefined. */
async function tryBackend(name: BackendName): Promise<string | undefined> {
  try {
    const unavailable = await register(name);
    if (unavailable) return unavailable;
    const ok = await tf.setBackend(name);
    if (!ok) {
      return name === 'wasm' ? wasmStartProblem() : 'it failed to initialise';
    }
    await tf.ready();
    return undefined;
  } catch (e) {
    return messageOf(e);
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
      // Convolutions and the trainer's gradients without tfjs' slowest cpu loops.
      registerCpuKernels();
      return undefined;
  }
}

/** "SIMD, 2 threads" for the wasm backend's badge. */
function wasmFeatures(): string {
  const flags = tf.env();
  const simd = flags.getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
  const threads = flags.getBool('WASM_HAS_MULTITHREAD_SUPPORT')
    ? `${navigator.hardwareConcurrency || 'several'} threads`
    : '1 thread';
  return `${simd}, ${threads}`;
}

/** What the survey found that the order had to work around: software GPUs, missing APIs. */
function surveyNote(survey: Survey | undefined, chosen: BackendName): string {
  if (!survey) return '';
  const notes: string[] = [];
  for (const n of ['webgpu', 'webgl'] as const) {
    if (n === chosen) continue;
    const found = survey[n];
    if (typeof found === 'string') notes.push(`${n} is unavailable (${found})`);
    else if (found.isSoftware)
      notes.push(
        `${n} runs in software (${found.architecture || found.description || found.vendor}), which ranks below wasm and cpu`,
      );
  }
  return notes.length ? ` ${notes.join('; ')}.` : '';
}

function describe(
  name: BackendName,
  requested: BackendName | 'auto',
  skipped: BackendAttempt[],
  adapter?: AdapterInfo,
  survey?: Survey,
): BackendReport {
  let label: string = name;
  if (adapter) {
    const which = adapter.architecture || adapter.vendor || adapter.description || 'unknown';
    const kind = name === 'webgl' ? 'renderer' : 'adapter';
    label = `${name} (${adapter.isSoftware ? `software ${kind}` : kind}: ${which})`;
  } else if (name === 'wasm') {
    label = `wasm (${wasmFeatures()})`;
  }
  let reason: string;
  const failed = skipped.map((s) => `${s.name} is unavailable (${s.error})`).join(' and ');
  if (requested !== 'auto') reason = `${name} was forced by the backend attribute.`;
  else if (skipped.length === 0) reason = `${name} is the first choice here and it is available.`;
  else reason = `${name} is used because ${failed}.`;
  if (requested === 'auto') reason += surveyNote(survey, name);
  return { name, requested, label, reason, skipped, adapter };
}
