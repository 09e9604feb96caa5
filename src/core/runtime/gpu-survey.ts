/**
 * What GPUs this browser offers, read before any backend starts: the WebGPU adapter and
 * the WebGL renderer, each classed as real or software.
 *
 * Reading the renderer means making a WebGL context, and on a machine without a GPU the
 * browser's first one starts SwiftShader: 60–300 ms during which the page cannot respond
 * (measured on this project's CI machine; it was the longest task of the demo's load).
 * So the renderer is read in a throwaway worker (an OffscreenCanvas there) and only where
 * that cannot run (no Worker, a Content-Security-Policy that blocks `blob:` workers, no
 * OffscreenCanvas) on the page's own thread. One function, `probeRenderer`, reads it in
 * both places: the worker runs its source text. The WebGPU adapter is asked for on the
 * page (an asynchronous call that does not hold the page up): the backend runs there,
 * and a page may hide `navigator.gpu` from itself.
 */

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

/** The renderer's raw names, or why there are none; `false`: no canvas here to make a context on. */
type RendererFacts = { vendor: string; renderer: string } | string | false;

/**
 * Reads the renderer's names. Self-contained (no imports, no helpers outside its body)
 * because a worker runs it from its source text.
 */
function probeRenderer(): RendererFacts {
  try {
    const canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(1, 1)
        : typeof document === 'object'
          ? document.createElement('canvas')
          : undefined;
    if (!canvas) return false;
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return 'no WebGL2 context could be made';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const names = {
      vendor: ext ? String(gl.getParameter(ext.UNMASKED_VENDOR_WEBGL)) : '',
      renderer: ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '',
    };
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return names;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** How long the worker may take before the page reads the renderer itself. */
const WORKER_PATIENCE_MS = 5000;

/** Runs `probeRenderer` in a throwaway worker; rejects where workers cannot run it. */
function probeRendererInWorker(): Promise<RendererFacts> {
  const source = `postMessage((${probeRenderer.toString()})());`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Promise<RendererFacts>((resolve, reject) => {
    let worker: Worker | undefined;
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
      worker = new Worker(url);
    } catch (e) {
      done();
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    worker.onmessage = (e: MessageEvent<RendererFacts>) => {
      done();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      done();
      reject(new Error(e.message || 'the survey worker could not start'));
    };
  });
}

/** The renderer's names, read off the page's thread where the browser allows it. */
async function readRenderer(): Promise<RendererFacts> {
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || typeof URL.createObjectURL !== 'function')
    return probeRenderer();
  try {
    const facts = await probeRendererInWorker();
    // A worker without OffscreenCanvas: the page reads it.
    return facts === false ? probeRenderer() : facts;
  } catch {
    return probeRenderer();
  }
}

/** The page's WebGPU adapter, or why there is none. */
async function readAdapter(): Promise<AdapterInfo | string> {
  try {
    const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) return 'navigator.gpu is missing (WebGPU is not supported or not enabled)';
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'navigator.gpu.requestAdapter() found no adapter';
    // `adapter.info` is newer than the WebGPU typings tfjs ships with.
    const info: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean } =
      (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info ?? {};
    const vendor = info.vendor ?? '';
    const architecture = info.architecture ?? '';
    const description = info.description ?? '';
    const fallback = info.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
    const isSoftware = Boolean(fallback) || SOFTWARE.test(`${vendor} ${architecture} ${description}`);
    return { vendor, architecture, device: info.device ?? '', description, isSoftware };
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Looks at the WebGPU adapter and the WebGL renderer without starting a backend. */
export async function surveyGpus(): Promise<Survey> {
  const [webgpu, webgl] = await Promise.all([readAdapter(), readRenderer()]);
  return {
    webgpu,
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
