/**
 * Training in a Web Worker, seen from the page: `WorkerTraining` has the same controls as
 * `LocalTraining` but its batches run in `train-worker.ts`. The page keeps its own model;
 * the weights the worker learns are copied into it a few times a second, after every epoch
 * and at the end, so linked elements, the drawing pad and `model.save()` see them. It trains
 * the shipped digits, the reader's own examples (by index, as digits), and inputs computed
 * on the page (a frozen base's cached features, a base's resized pictures: `inputs-job.ts`).
 *
 * The worker trains on a backend of its own (`training-backend.ts` orders them from the
 * page's report: wasm without a real GPU, the page's GPU where it won the calibration) and
 * says which. On the page a batch on any backend takes main-thread time: JavaScript on the
 * CPU and wasm backends, dispatch, shader compiles and read-backs on WebGPU and WebGL.
 * Where a worker cannot start (no Worker, a blocked or missing script, a backend or model it
 * cannot set up) the run falls back to the page, with the same numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { LocalTraining, type TrainingControl, type TrainingJob } from './training-session.tf.js';
import { DivergedError, type TrainHooks, type TrainResult } from './training-loop.tf.js';
import type { Evaluation } from './scores.js';
import type { MnistData } from './mnist.tf.js';
import type { FromWorker, ToWorker, WeightValues, WorkerBackend } from './worker-messages.js';
import { inputsBuffers, isInputsJob, type InputsJob } from './inputs-job.tf.js';
import { watchPolicy, workerProblem } from '../runtime/hosting-problems.js';
import { absoluteWasmPaths } from '../runtime/wasm-paths.js';
import { startTrainingWorker, trainingWorkerUrl } from '../runtime/worker-url.js';

export { setTrainingWorkerUrl, trainingWorkerUrl } from '../runtime/worker-url.js';

/** One worker, kept between runs (loading tfjs into it takes a moment) and ended by `dispose()`. */
export class TrainingWorker {
  private worker?: Worker;
  /** Why the worker cannot be used here, once that is known. */
  unavailable?: string;

  /** The backends the worker tries, best first (`trainingBackendOrder`). */
  readonly backends: WorkerBackend[];

  /** `backends`: one to use, or the order to try them in. */
  constructor(backends: WorkerBackend | readonly WorkerBackend[] = 'cpu') {
    this.backends = typeof backends === 'string' ? [backends] : [...backends];
    const url = trainingWorkerUrl();
    if (!url) this.unavailable = 'the page turned the training worker off';
    else if (typeof Worker === 'undefined') this.unavailable = 'this browser has no Web Workers';
  }

  /**
   * Told once why the worker cannot be used (the URL and the fix), after a start that failed;
   * the page trains instead.
   */
  onUnavailable?: (reason: string) => void;

  /** The page's Content-Security-Policy reports while a worker starts. */
  private policy?: { stop(): string | undefined };

  /** The live worker, started on first use; undefined where it cannot run. */
  get handle(): Worker | undefined {
    if (this.unavailable) return undefined;
    if (!this.worker) {
      this.policy = watchPolicy(/^(worker|child|script|default)-src/);
      try {
        this.worker = startTrainingWorker();
      } catch (e) {
        this.fail(e instanceof Error ? e.message : String(e));
      }
    }
    return this.worker;
  }

  /** A run or an evaluation has the worker; anything else asked meanwhile happens on the page. */
  busy = false;

  /**
   * Scores a model on test digits in the worker. Resolves undefined where the worker cannot
   * (not available, busy with a run, failed): the caller then scores on the page.
   */
  async evaluate(
    model: tfl.LayersModel,
    data: MnistData,
    test: readonly number[],
  ): Promise<Evaluation | undefined> {
    const worker = this.busy ? undefined : this.handle;
    if (!worker) return undefined;
    this.busy = true;
    try {
      const artifacts = await saveToMemory(model);
      return await new Promise<Evaluation | undefined>((resolve) => {
        worker.onmessage = (e: MessageEvent<FromWorker>) =>
          resolve(e.data.type === 'evaluation' ? e.data.evaluation : undefined);
        worker.onerror = (e) => {
          e.preventDefault();
          this.fail(e.message || 'its script failed to load');
          resolve(undefined);
        };
        const message: ToWorker = {
          type: 'evaluate',
          artifacts,
          data,
          test,
          backends: this.backends,
          wasmPaths: absoluteWasmPaths(),
        };
        worker.postMessage(message);
      });
    } finally {
      worker.onmessage = worker.onerror = null;
      this.busy = false;
    }
  }

  /**
   * A worker that failed is not tried again on this page. `browserSaid` is all the browser
   * tells; the server and the page's policy are asked why, and `onUnavailable` hears it.
   */
  fail(browserSaid: string): void {
    this.unavailable = `the training worker could not start (${browserSaid})`;
    const policy = this.policy?.stop();
    this.dispose();
    void workerProblem(trainingWorkerUrl(), policy, browserSaid).then((why) => {
      this.unavailable = `the training worker could not start: ${why}`;
      this.onUnavailable?.(this.unavailable);
    });
  }

  dispose(): void {
    this.policy?.stop();
    this.policy = undefined;
    this.worker?.terminate();
    this.worker = undefined;
  }
}

/** The model's topology and weights, as `model.save` writes them, in memory. */
async function saveToMemory(model: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved!;
}

/** Puts weights that came from the worker into the page's model. */
function applyWeights(model: tfl.LayersModel, values: WeightValues): void {
  const current = model.getWeights();
  if (values.length !== current.length) return;
  tf.tidy(() => model.setWeights(values.map((v, i) => tf.tensor(v, current[i].shape, 'float32'))));
}

/**
 * What a run trains on: a job the caller keeps (copied to the worker), or a function that
 * makes a fresh one for this run alone, whose arrays are handed over (transferred, not
 * copied); called again should the run fall back to the page after the hand-over.
 */
export type JobSource = TrainingJob | InputsJob | (() => Promise<InputsJob>);

const jobOf = (source: JobSource): Promise<TrainingJob | InputsJob> | TrainingJob | InputsJob =>
  typeof source === 'function' ? source() : source;

export class WorkerTraining implements TrainingControl {
  private pausedAt?: () => void;
  private pauseRequested = false;
  private stopRequested = false;
  /** Set when the worker could not take the run and the page trains instead. */
  private local?: LocalTraining;

  constructor(
    private readonly worker: TrainingWorker,
    private readonly model: tfl.LayersModel,
    private readonly job: JobSource,
    private readonly hooks: TrainHooks = {},
  ) {}

  get where(): 'page' | 'worker' {
    return this.local || this.worker.unavailable ? 'page' : 'worker';
  }

  /** The worker's training backend and why, once it said (undefined on the page, or before). */
  trainingBackend?: { name: WorkerBackend; note: string };

  pause(): void {
    if (this.local) this.local.pause();
    else if (!this.stopRequested) this.pauseRequested = true;
  }

  resume(): void {
    this.pauseRequested = false;
    this.local?.resume();
    const release = this.pausedAt;
    this.pausedAt = undefined;
    release?.();
  }

  stop(): void {
    this.stopRequested = true;
    this.local?.stop();
    this.resume();
  }

  async run(): Promise<TrainResult> {
    if (this.stopRequested) return { stopped: true, epochs: [] };
    const worker = this.worker.busy ? undefined : this.worker.handle;
    if (!worker) return this.runHere();
    this.worker.busy = true;
    try {
      return await this.runThere(worker);
    } finally {
      this.worker.busy = false;
    }
  }

  private async runThere(worker: Worker): Promise<TrainResult> {
    const artifacts = await saveToMemory(this.model);
    const job = await jobOf(this.job);
    // Computing the inputs took a while: a stop meanwhile ends the run before it starts.
    if (this.stopRequested) return { stopped: true, epochs: [] };
    const outcome = await new Promise<TrainResult | 'setup-failed'>((resolve, reject) => {
      let started = false;
      let queue = Promise.resolve();
      const finish = (value: TrainResult | 'setup-failed' | Error) => {
        worker.onmessage = worker.onerror = null;
        if (value instanceof Error) reject(value);
        else resolve(value);
      };
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        started = true;
        queue = queue.then(() => this.handle(e.data, finish)).catch((err: Error) => finish(err));
      };
      worker.onerror = (e) => {
        e.preventDefault();
        const why = e.message || 'its script failed to load';
        if (started) {
          // Whatever state it is in, the next run gets a fresh worker.
          this.worker.dispose();
          finish(new Error(`The training worker failed: ${why}.`));
        } else {
          this.worker.fail(why);
          finish('setup-failed');
        }
      };
      const message: ToWorker = {
        type: 'train',
        artifacts,
        job,
        backends: this.worker.backends,
        wasmPaths: absoluteWasmPaths(),
      };
      // A job made for this run hands its arrays over; a kept one (the digits) is copied.
      worker.postMessage(
        message,
        typeof this.job === 'function' && isInputsJob(job) ? inputsBuffers(job) : [],
      );
    });
    return outcome === 'setup-failed' ? this.runHere() : outcome;
  }

  private async runHere(): Promise<TrainResult> {
    this.local = new LocalTraining(this.model, await jobOf(this.job), this.hooks);
    if (this.pauseRequested) this.local.pause();
    if (this.stopRequested) this.local.stop();
    return this.local.run();
  }

  private async handle(
    message: FromWorker,
    finish: (value: TrainResult | 'setup-failed' | Error) => void,
  ): Promise<void> {
    if ('weights' in message && message.weights) applyWeights(this.model, message.weights);
    switch (message.type) {
      case 'backend':
        this.trainingBackend = { name: message.name, note: message.note };
        return;
      case 'batch': {
        await this.hooks.onBatchEnd?.(message.report);
        if (this.pauseRequested && !this.stopRequested) await new Promise<void>((r) => (this.pausedAt = r));
        const go: ToWorker = { type: 'go', stop: this.stopRequested };
        this.worker.handle?.postMessage(go);
        return;
      }
      case 'epoch':
        await this.hooks.onEpochEnd?.(message.report);
        return;
      case 'done':
        finish(message.result);
        return;
      case 'error':
        // A model the worker cannot rebuild trains on the page; the worker stays for the next one.
        if (message.kind === 'setup') finish('setup-failed');
        else
          finish(
            message.kind === 'diverged' ? new DivergedError(message.message) : new Error(message.message),
          );
    }
  }
}
