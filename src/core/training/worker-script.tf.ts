/**
 * The training worker: trains a copy of the page's model off the page's main thread, with
 * a backend of its own choosing (the page sends the order, `training-backend.ts`: wasm
 * without a real GPU, the page's GPU where it won the page's calibration); a network whose
 * gradients need a kernel that backend lacks moves to the next. It trains whatever job the
 * page sends: the shipped digits or the reader's own examples (by index), or inputs the page
 * computed (a frozen base's features, a base's pictures: `inputs-job.ts`). On the CPU and
 * wasm backends one batch of the course's first network is a long JavaScript task, and the
 * GPU backends' dispatch, shader compiles and read-backs take main-thread time too; in the
 * page that would stall scrolling and every other control. Here it costs the page only the
 * messages.
 *
 * Protocol (see `training-messages.ts`): the page sends `train`; after every batch the
 * worker reports and waits for `go`, so pause and stop act at the same batch boundary as
 * on the page, and the page sees the weights a few times a second, after every epoch and
 * at the end.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { evaluateModel } from './evaluate.tf.js';
import { mnistTensors } from './mnist.tf.js';
import { LocalTraining } from './training-session.tf.js';
import { DivergedError } from './training-loop.tf.js';
import { setWasmPaths } from '../runtime/wasm-paths.js';
import { prepareWasm } from '../runtime/wasm-setup.tf.js';
import { registerCpuKernels } from '../runtime/cpu-kernels.tf.js';
import { missingKernel, trainingBackendNote, trainWithFallback } from './training-backend.js';
import type { FromWorker, ToWorker, WeightValues, WorkerBackend } from './worker-messages.js';

/** How often, at most, the weights travel to the page during an epoch. */
const WEIGHT_SYNC_MS = 200;

const scope = self as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

/** Each backend's start here, once: undefined when it runs, else why it cannot. */
const started = new Map<WorkerBackend, Promise<string | undefined>>();

async function startBackend(name: WorkerBackend): Promise<string | undefined> {
  if (name === 'webgpu') {
    if (!('gpu' in navigator) || !(await navigator.gpu.requestAdapter()))
      return 'WebGPU is not available in workers here';
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  if (name === 'webgl') {
    // tfjs draws into an OffscreenCanvas in a worker.
    if (typeof OffscreenCanvas === 'undefined')
      return 'OffscreenCanvas (WebGL in workers) is not available here';
    await import('@tensorflow/tfjs-backend-webgl');
  }
  // The same kernels as on the page (cpu-kernels.tf.ts, wasm-setup.tf.ts).
  if (name === 'cpu') registerCpuKernels();
  if (name === 'wasm') {
    const unavailable = await prepareWasm();
    if (unavailable) return unavailable;
  }
  if (!(await tf.setBackend(name))) return `the ${name} backend did not start in the worker`;
  await tf.ready();
  return undefined;
}

/** Makes `name` the active backend; throws why it cannot. */
async function activate(name: WorkerBackend): Promise<void> {
  if (!started.has(name)) started.set(name, startBackend(name).catch(messageOf));
  const why = await started.get(name);
  if (why) throw new Error(why);
  if (tf.getBackend() !== name) await tf.setBackend(name);
}

/** The first of `order` that starts here, the ones after it, and why those before it did not start. */
async function firstStartable(
  order: readonly WorkerBackend[],
): Promise<{ candidates: WorkerBackend[]; failed: string[] }> {
  const failed: string[] = [];
  for (const [i, name] of order.entries()) {
    try {
      await activate(name);
      return { candidates: order.slice(i), failed };
    } catch (e) {
      failed.push(`${name} did not start in the worker (${messageOf(e)})`);
    }
  }
  throw new Error(failed.join('; '));
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The page's model could not be rebuilt here: the page trains instead. */
class SetupError extends Error {}

let waitingForGo: ((stop: boolean) => void) | undefined;

function send(message: FromWorker): void {
  const weights = 'weights' in message ? message.weights : undefined;
  scope.postMessage(message, weights?.map((w) => w.buffer) ?? []);
}

/** Copies of the weights (the CPU backend's own arrays must not be transferred away). */
function readWeights(model: tfl.LayersModel): Promise<WeightValues> {
  return Promise.all(
    model.getWeights().map(async (w) => Float32Array.from((await w.data()) as Float32Array)),
  );
}

/**
 * One attempt at the run on the active backend. A kernel the backend lacks, met before any
 * batch was reported, is thrown for `trainWithFallback` to move the run; everything else
 * ends here with a message to the page.
 */
async function runHere(
  { artifacts, job }: Extract<ToWorker, { type: 'train' }>,
  progress: { reported: boolean },
): Promise<void> {
  let model: tfl.LayersModel | undefined;
  let session: LocalTraining;
  let lastSync = performance.now();
  try {
    model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    const trained = model;
    session = new LocalTraining(model, job, {
      onBatchEnd: async (report) => {
        progress.reported = true;
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
    throw new SetupError(messageOf(e));
  }
  try {
    const result = await session.run();
    send({ type: 'done', result, weights: await readWeights(model) });
  } catch (e) {
    // LocalTraining already put a missing kernel in the reader's words.
    if (missingKernel(e) && !progress.reported) throw e;
    send({
      type: 'error',
      kind: e instanceof DivergedError ? 'diverged' : 'failed',
      message: messageOf(e),
      weights: await readWeights(model),
    });
  } finally {
    model.dispose();
  }
}

async function train(message: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  const progress = { reported: false };
  let ready = false;
  try {
    const { candidates, failed } = await firstStartable(message.backends);
    ready = true;
    await trainWithFallback(
      candidates,
      async (name, moved) => {
        await activate(name);
        send({
          type: 'backend',
          name,
          note: trainingBackendNote(name, message.backends, moved ? [...failed, moved] : failed),
        });
        await runHere(message, progress);
      },
      () => progress.reported,
    );
  } catch (e) {
    // No backend here, or a model the worker cannot rebuild: the page trains instead.
    send({
      type: 'error',
      kind: e instanceof SetupError || !ready ? 'setup' : 'failed',
      message: messageOf(e),
    });
  }
}

/** Scores the page's model on test digits here, so that a long evaluation holds no page task. */
async function evaluate({
  artifacts,
  data,
  test,
  backends,
}: Extract<ToWorker, { type: 'evaluate' }>): Promise<void> {
  let model: tfl.LayersModel | undefined;
  try {
    await firstStartable(backends);
    model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    const { xs, ys } = mnistTensors(data, test);
    ys.dispose();
    try {
      send({
        type: 'evaluation',
        evaluation: await evaluateModel(
          model,
          xs,
          Uint8Array.from(test, (i) => data.labels[i]),
        ),
      });
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
  // The page says where the WASM binaries are: this worker may be a bundler's renamed copy.
  if ('wasmPaths' in message && message.wasmPaths) setWasmPaths(message.wasmPaths);
  if (message.type === 'go') {
    const go = waitingForGo;
    waitingForGo = undefined;
    go?.(message.stop);
  } else if (message.type === 'train') void train(message);
  else if (message.type === 'evaluate') void evaluate(message);
};
