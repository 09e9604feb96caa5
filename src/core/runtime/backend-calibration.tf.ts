/**
 * Times two backends on a small piece of the library's real work, for the automatic
 * choice when a real GPU and wasm are both on offer (which wins depends on the GPU).
 * The workload: a 3×3 convolution of a 128×128 image, and one training step (forward
 * and gradients) of a small CNN on 32 digits. Each candidate runs it once to compile its
 * shaders and once timed; a candidate whose first run takes over half the budget has
 * lost already. The verdict is kept in sessionStorage, per adapter, for the session.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from './backend-name.js';

/** The most the calibration should spend, in milliseconds, for both candidates together. */
export const CALIBRATION_BUDGET_MS = 200;
const STORAGE_PREFIX = 'cnn-elements:backend-calibration:';

export interface Calibration {
  winner: BackendName;
  /** Milliseconds of the timed run per candidate (absent for one that failed or ran out of time). */
  timings: Partial<Record<BackendName, number>>;
  /** True when the verdict came from this session's earlier page. */
  cached: boolean;
  /** One sentence on what was measured and why the winner won. */
  note: string;
}

/** Runs the workload on the active backend and waits for its results. */
async function workload(): Promise<void> {
  const outs = tf.tidy(() => {
    const image = tf.randomUniform([1, 128, 128, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    const edge = tf.randomUniform([3, 3, 1, 8], -1, 1, 'float32', 2) as tf.Tensor4D;
    const feature = tf.conv2d(image, edge, 1, 'same');
    const digits = tf.randomUniform([32, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const labels = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 32 }, (_, i) => i % 10),
        'int32',
      ),
      10,
    );
    const kernel = tf.randomUniform([3, 3, 1, 8], -0.5, 0.5, 'float32', 4);
    const dense = tf.randomUniform([13 * 13 * 8, 10], -0.05, 0.05, 'float32', 5);
    const loss = (k: tf.Tensor, d: tf.Tensor) => {
      const hidden = tf.maxPool(tf.relu(tf.conv2d(digits, k as tf.Tensor4D, 1, 'valid')), 2, 2, 'valid');
      const logits = tf.matMul(tf.reshape(hidden, [32, 13 * 13 * 8]), d as tf.Tensor2D);
      return tf.losses.softmaxCrossEntropy(labels, logits);
    };
    const grads = tf.grads(loss)([kernel, dense]);
    return [feature, ...grads];
  });
  await Promise.all(outs.map((t) => t.data()));
  tf.dispose(outs);
}

function remembered(key: string): Calibration | undefined {
  try {
    const text = globalThis.sessionStorage?.getItem(STORAGE_PREFIX + key);
    return text ? { ...(JSON.parse(text) as Calibration), cached: true } : undefined;
  } catch {
    return undefined; // No storage (a sandboxed frame, a worker): measure again.
  }
}

function remember(key: string, verdict: Calibration): void {
  try {
    globalThis.sessionStorage?.setItem(STORAGE_PREFIX + key, JSON.stringify(verdict));
  } catch {
    // Storage full or forbidden: the verdict just is not kept.
  }
}

/**
 * Times `candidates` (the first is the default should nothing be measurable) and names the
 * faster. `start` activates a backend and returns why it could not, as `ensureBackend` does.
 */
export async function calibrate(
  candidates: [BackendName, BackendName],
  key: string,
  start: (name: BackendName) => Promise<string | undefined>,
): Promise<Calibration> {
  // The training step needs tfjs' gradient functions (tfjs-layers would also register them).
  // Imported here, in the browser only: that file's extensionless imports do not load in Node.
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const known = remembered(key);
  if (known && candidates.includes(known.winner)) return known;
  const timings: Partial<Record<BackendName, number>> = {};
  const problems: string[] = [];
  const startable: BackendName[] = [];
  for (const name of candidates) {
    const why = await start(name);
    if (why) {
      problems.push(`${name} did not start (${why})`);
      continue;
    }
    startable.push(name);
    const t0 = performance.now();
    await workload();
    const first = performance.now() - t0;
    if (first > CALIBRATION_BUDGET_MS / 2) {
      problems.push(
        `${name} took ${Math.round(first)} ms for its first run, over its share of the ${CALIBRATION_BUDGET_MS} ms budget`,
      );
      continue;
    }
    const t1 = performance.now();
    await workload();
    timings[name] = performance.now() - t1;
  }
  const measured = candidates.filter((n) => timings[n] !== undefined);
  // Nothing timed within the budget: the first candidate that started is kept.
  const winner = measured.length
    ? measured.reduce((a, b) => (timings[b]! < timings[a]! ? b : a))
    : (startable[0] ?? candidates[0]);
  const ms = (n: BackendName) => `${n} ${timings[n]!.toFixed(1)} ms`;
  const note =
    `Calibrated on a 128² convolution and one 32-digit training step: ${measured.map(ms).join(', ') || 'nothing could be timed'}` +
    `${problems.length ? `; ${problems.join('; ')}` : ''}; ${winner} ${measured.length > 1 ? 'was faster' : 'is kept'}.`;
  const verdict: Calibration = { winner, timings, cached: false, note };
  if (measured.length) remember(key, verdict);
  return verdict;
}
