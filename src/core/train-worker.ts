/**
 * The training worker: trains a copy of the page's model off the page's main thread, with
 * the page's backend (CPU or WebGPU). On the CPU backend one batch of the course's first
 * network takes a second or more of JavaScript, and WebGPU's dispatch and read-backs take
 * main-thread time too; in the page that would stall scrolling and every other control.
 * Here it costs the page only the messages.
 *
 * Protocol (see `training-messages.ts`): the page sends `train`; after every batch the
 * worker reports and waits for `go`, so pause and stop act at the same batch boundary as
 * on the page, and the page sees the weights a few times a second, after every epoch and
 * at the end.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { LocalTraining } from './training-session.js';
import { DivergedError } from './training.js';
import type { FromWorker, ToWorker, WeightValues } from './training-messages.js';

/** How often, at most, the weights travel to the page during an epoch. */
const WEIGHT_SYNC_MS = 200;

const scope = self as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

/** The backend, set up once on the first run. */
let backendReady: Promise<void> | undefined;

async function useBackend(name: 'cpu' | 'webgpu'): Promise<void> {
  if (name === 'webgpu') {
    if (!('gpu' in navigator) || !(await navigator.gpu.requestAdapter())) throw new Error('WebGPU is not available in workers here');
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend did not start in the worker`);
  await tf.ready();
}
let waitingForGo: ((stop: boolean) => void) | undefined;

function send(message: FromWorker): void {
  const weights = 'weights' in message ? message.weights : undefined;
  scope.postMessage(message, weights?.map((w) => w.buffer) ?? []);
}

/** Copies of the weights (the CPU backend's own arrays must not be transferred away). */
function readWeights(model: tfl.LayersModel): Promise<WeightValues> {
  return Promise.all(model.getWeights().map(async (w) => Float32Array.from((await w.data()) as Float32Array)));
}

async function train({ artifacts, job, backend }: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  let model: tfl.LayersModel;
  let session: LocalTraining;
  let lastSync = performance.now();
  try {
    await (backendReady ??= useBackend(backend));
    model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    session = new LocalTraining(model, job, {
      onBatchEnd: async (report) => {
        const now = performance.now();
        const weights = now - lastSync >= WEIGHT_SYNC_MS ? await readWeights(model) : undefined;
        if (weights) lastSync = now;
        const stop = await new Promise<boolean>((resolve) => {
          waitingForGo = resolve;
          send({ type: 'batch', report, weights });
        });
        if (stop) session.stop();
      },
      onEpochEnd: async (report) => send({ type: 'epoch', report, weights: await readWeights(model) }),
    });
  } catch (e) {
    send({ type: 'error', kind: 'setup', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  try {
    const result = await session.run();
    send({ type: 'done', result, weights: await readWeights(model) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    send({ type: 'error', kind: e instanceof DivergedError ? 'diverged' : 'failed', message, weights: await readWeights(model) });
  } finally {
    model.dispose();
  }
}

scope.onmessage = (e) => {
  const message = e.data;
  if (message.type === 'go') {
    const go = waitingForGo;
    waitingForGo = undefined;
    go?.(message.stop);
  } else if (message.type === 'train') void train(message);
};
