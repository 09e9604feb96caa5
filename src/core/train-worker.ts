/**
 * The training worker: trains a copy of the page's model off the page's main thread, with
 * the page's backend (CPU, WASM, WebGPU or WebGL). On the CPU backend one batch of the course's
 * first network takes a second or more of JavaScript, and the GPU backends' dispatch,
 * shader compiles and read-backs take main-thread time too; in the page that would stall
 * scrolling and every other control. Here it costs the page only the messages.
 *
 * Protocol (see `training-messages.ts`): the page sends `train`; after every batch the
 * worker reports and waits for `go`, so pause and stop act at the same batch boundary as
 * on the page, and the page sees the weights a few times a second, after every epoch and
 * at the end.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { evaluateModel } from './evaluate.js';
import { mnistTensors } from './mnist.js';
import { LocalTraining } from './training-session.js';
import { DivergedError } from './training.js';
import { setWasmPaths, type WasmPaths } from './wasm-paths.js';
import { prepareWasm } from './wasm-setup.js';
import type { FromWorker, ToWorker, WeightValues, WorkerBackend } from './training-messages.js';

/** How often, at most, the weights travel to the page during an epoch. */
const WEIGHT_SYNC_MS = 200;

const scope = self as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

/** The backend, set up once on the first run. */
let backendReady: Promise<void> | undefined;

async function useBackend(name: WorkerBackend): Promise<void> {
  if (name === 'webgpu') {
    if (!('gpu' in navigator) || !(await navigator.gpu.requestAdapter())) throw new Error('WebGPU is not available in workers here');
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  if (name === 'webgl') {
    // tfjs draws into an OffscreenCanvas in a worker.
    if (typeof OffscreenCanvas === 'undefined') throw new Error('OffscreenCanvas (WebGL in workers) is not available here');
    await import('@tensorflow/tfjs-backend-webgl');
  }
  if (name === 'wasm') {
    // The same binaries and gradient kernels as on the page (wasm-setup.ts).
    const unavailable = await prepareWasm();
    if (unavailable) throw new Error(unavailable);
  }
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend did not start in the worker`);
  await tf.ready();
}

/** The page's model, rebuilt here from what `model.save` wrote, on the page's backend. */
async function rebuild(artifacts: tf.io.ModelArtifacts, backend: WorkerBackend, wasmPaths?: WasmPaths): Promise<tfl.LayersModel> {
  // The page says where the WASM binaries are: this worker may be a bundler's renamed copy.
  if (wasmPaths) setWasmPaths(wasmPaths);
  await (backendReady ??= useBackend(backend));
  return tfl.loadLayersModel(tf.io.fromMemory(artifacts));
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

let waitingForGo: ((stop: boolean) => void) | undefined;

function send(message: FromWorker): void {
  const weights = 'weights' in message ? message.weights : undefined;
  scope.postMessage(message, weights?.map((w) => w.buffer) ?? []);
}

/** Copies of the weights (the CPU backend's own arrays must not be transferred away). */
function readWeights(model: tfl.LayersModel): Promise<WeightValues> {
  return Promise.all(model.getWeights().map(async (w) => Float32Array.from((await w.data()) as Float32Array)));
}

async function train({ artifacts, job, backend, wasmPaths }: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  let model: tfl.LayersModel | undefined;
  let session: LocalTraining;
  let lastSync = performance.now();
  try {
    model = await rebuild(artifacts, backend, wasmPaths);
    const trained = model;
    session = new LocalTraining(model, job, {
      onBatchEnd: async (report) => {
        const now = performance.now();
        const weights = now - lastSync >= WEIGHT_SYNC_MS ? await readWeights(trained) : undefined;
        if (weights) lastSync = now;
        const stop = await new Promise<boolean>((resolve) => {
          waitingForGo = resolve;
          send({ type: 'batch', report, weights });
        });
        if (stop) session.stop();
      },
      onEpochEnd: async (report) => send({ type: 'epoch', report, weights: await readWeights(trained) }),
    });
  } catch (e) {
    model?.dispose();
    send({ type: 'error', kind: 'setup', message: messageOf(e) });
    return;
  }
  try {
    const result = await session.run();
    send({ type: 'done', result, weights: await readWeights(model) });
  } catch (e) {
    send({ type: 'error', kind: e instanceof DivergedError ? 'diverged' : 'failed', message: messageOf(e), weights: await readWeights(model) });
  } finally {
    model.dispose();
  }
}

/** Scores the page's model on test digits here, so that a long evaluation holds no page task. */
async function evaluate({ artifacts, data, test, backend, wasmPaths }: Extract<ToWorker, { type: 'evaluate' }>): Promise<void> {
  let model: tfl.LayersModel | undefined;
  try {
    model = await rebuild(artifacts, backend, wasmPaths);
    const { xs, ys } = mnistTensors(data, test);
    ys.dispose();
    try {
      send({ type: 'evaluation', evaluation: await evaluateModel(model, xs, Uint8Array.from(test, (i) => data.labels[i])) });
    } finally {
      xs.dispose();
    }
  } catch (e) {
    send({ type: 'error', kind: 'failed', message: messageOf(e) });
  } finally {
    model?.dispose();
  }
}

scope.onmessage = (e) => {
  const message = e.data;
  if (message.type === 'go') {
    const go = waitingForGo;
    waitingForGo = undefined;
    go?.(message.stop);
  } else if (message.type === 'train') void train(message);
  else if (message.type === 'evaluate') void evaluate(message);
};
