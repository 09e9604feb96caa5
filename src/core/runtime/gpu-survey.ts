/**
 * What GPUs this browser offers, read before any backend starts: the WebGPU adapter and
 * the WebGL renderer, each classed as real or software.
 *
 * Reading the renderer means making a WebGL context, and on a machine without a GPU the
 * browser's first one starts SwiftShader: 60–300 ms during which the page cannot respond
 * (measured on this project's CI machine; it was the longest task of the demo's load).
 * So the facts are read in a throwaway worker (an OffscreenCanvas there) and only where
 * that cannot run (no Worker, a Content-Security-Policy that blocks `blob:` workers, no
 * OffscreenCanvas) on the page's own thread. One function, `probe`, reads them in both
 * places: the worker runs its source text. Asking for the WebGPU adapter also holds the
 * calling thread up (35 ms without an adapter, 120–670 ms for SwiftShader's, measured here),
 * so the worker asks too, but only when the page itself has `navigator.gpu`: the backend
 * runs on the page, and a page may hide WebGPU from itself.
 */

import { workerScriptUrl } from './trusted-script-url.js';

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software rasterisers (SwiftShader, llvmpipe, lavapipe, WARP) and fallback adapters. */
  isSoftware: boolean;
}

/** What this browser offers before any backend starts: the GPU adapters, or why there are none. */
export interface Survey {
  webgpu: AdapterInfo | string;
  webgl: AdapterInfo | string;
}

/** Software rasterisers: a GPU API drawn on the CPU. */
export const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|warp|microsoft basic render/i;

/** The raw facts `probe` reads; a string says why a part could not be read. */
interface Facts {
  webgpu:
    | { vendor: string; architecture: string; device: string; description: string; fallback: boolean }
    | string;
  /** `false`: no canvas to make a context on here (a worker without OffscreenCanvas). */
  webgl: { vendor: string; renderer: string } | string | false;
}

/**
 * Reads the facts. Self-contained (no imports, no helpers outside its body) because a
 * worker runs it from its source text.
 */
async function probe(askGpu: boolean): Promise<Facts> {
  const facts: Facts = { webgpu: '', webgl: false };
  try {
    const gpu = askGpu ? (globalThis.navigator as Navigator | undefined)?.gpu : undefined;
    const adapter = gpu ? await gpu.requestAdapter() : undefined;
    // `adapter.info` is newer than the WebGPU typings tfjs ships with.
    const info = (adapter as (GPUAdapter & { info?: GPUAdapterInfo; isFallbackAdapter?: boolean }) | null)
      ?.info;
    const fallback = (info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter;
    facts.webgpu = !gpu
      ? 'navigator.gpu is missing (WebGPU is not supported or not enabled)'
      : !adapter
        ? 'navigator.gpu.requestAdapter() found no adapter'
        : {
            vendor: info?.vendor ?? '',
            architecture: info?.architecture ?? '',
            device: info?.device ?? '',
            description: info?.description ?? '',
            fallback: Boolean(fallback ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter),
          };
  } catch (e) {
    facts.webgpu = e instanceof Error ? e.message : String(e);
  }
  try {
    const canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(1, 1)
        : typeof document === 'object'
          ? document.createElement('canvas')
          : undefined;
    if (canvas) {
      const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
      if (!gl) facts.webgl = 'no WebGL2 context could be made';
      else {
        const ext = gl.getExtension('WEBGL_debug_renderer_info');
        facts.webgl = {
          vendor: ext ? String(gl.getParameter(ext.UNMASKED_VENDOR_WEBGL)) : '',
          renderer: ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '',
        };
        gl.getExtension('WEBGL_lose_context')?.loseContext();
      }
    }
  } catch (e) {
    facts.webgl = e instanceof Error ? e.message : String(e);
  }
  return facts;
}

/** How long the worker may take before the page reads the facts itself. */
const WORKER_PATIENCE_MS = 5000;

/** Runs `probe` in a throwaway worker; rejects where workers cannot run it. */
function probeInWorker(askGpu: boolean): Promise<Facts> {
  const source = `(${probe.toString()})(${askGpu}).then((f) => postMessage(f), (e) => postMessage({ failed: String(e) }));`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Promise<Facts>((resolve, reject) => {
    let worker: Worker;
    const done = () => {
      clearTimeout(timer);
      worker?.terminate();
      URL.revokeObjectURL(url);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error('the survey worker did not answer'));
    }, WORKER_PATIENCE_MS);
    try {
      worker = new Worker(workerScriptUrl(url));
    } catch (e) {
      done();
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    worker.onmessage = (e: MessageEvent<Facts | { failed: string }>) => {
      done();
      if ('failed' in e.data) reject(new Error(e.data.failed));
      else resolve(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      done();
      reject(new Error(e.message || 'the survey worker could not start'));
    };
  });
}

/** The facts, read off the page's thread where the browser allows it. */
async function readFacts(): Promise<Facts> {
  const askGpu = Boolean((globalThis.navigator as Navigator | undefined)?.gpu);
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || typeof URL.createObjectURL !== 'function')
    return probe(askGpu);
  let facts: Facts;
  try {
    facts = await probeInWorker(askGpu);
  } catch {
    return probe(askGpu);
  }
  // A worker without OffscreenCanvas read the adapter only: the renderer is read here.
  if (facts.webgl === false && typeof document === 'object') facts.webgl = (await probe(false)).webgl;
  return facts;
}

/** Looks at the WebGPU adapter and the WebGL renderer without starting a backend. */
export async function surveyGpus(): Promise<Survey> {
  const { webgpu, webgl } = await readFacts();
  return {
    webgpu:
      typeof webgpu === 'string'
        ? webgpu
        : {
            vendor: webgpu.vendor,
            architecture: webgpu.architecture,
            device: webgpu.device,
            description: webgpu.description,
            isSoftware:
              webgpu.fallback ||
              SOFTWARE.test(`${webgpu.vendor} ${webgpu.architecture} ${webgpu.description}`),
          },
    webgl:
      typeof webgl === 'string'
        ? webgl
        : webgl === false
          ? 'no WebGL2 context could be made'
          : renderer(webgl),
  };
}

/** The renderer as an adapter: a software one names its rasteriser as the architecture. */
function renderer({ vendor, renderer: description }: { vendor: string; renderer: string }): AdapterInfo {
  const soft = SOFTWARE.exec(description);
  return {
    vendor,
    architecture: soft ? soft[0].toLowerCase() : '',
    device: '',
    description,
    isSoftware: Boolean(soft),
  };
}
