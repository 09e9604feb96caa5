/**
 * The benchmark page. One page load measures one backend, because ensureBackend
 * picks the tfjs backend once per page.
 *
 * URL parameters: `backend` (required), `runs` (timed runs per path, default 5),
 * `warmup` (untimed runs per path, default 3), `filter` (substring of names).
 * Results land on `window.__bench` for bench/run.mjs to read.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend, parseBackendName, type BackendReport } from '../src/core/runtime/backend.tf';
import { setAssetBase } from '../src/core/runtime/assets';
import { setTrainingWorkerUrl } from '../src/core/runtime/worker-url';
import { setWasmPaths } from '../src/core/runtime/wasm-paths';
import { median, warmupRuns, type Benchmark } from './benchmark';
import { medianInterval, pairedRatios } from './median-interval';
import { benchmarks } from './benchmarks';

export interface BenchResult {
  name: string;
  /** The row's name before its teardown wrote measurements into it: the same on every backend. */
  row: string;
  /** True on the page that let the library choose (`?backend=auto`). */
  auto: boolean;
  backend: string;
  backendLabel: string;
  medianMs?: number;
  baselineMs?: number;
  /** medianMs / baselineMs. */
  ratio?: number;
  /**
   * Where the median of the paired ratios (each timed run of the library over the bare run
   * timed beside it) lies with 95% confidence, from this run's samples alone: the noise
   * within the run, not the drift between runs or machines. Undefined under six runs.
   */
  ratioInterval?: [number, number];
  runs: number;
  /** Calls per timed run: the row's `repeat`, or for a row with `sampleMs` the library path's mean. */
  repeat: number;
  /** Tensors left after teardown; anything above 0 is a leak in the row. */
  leakedTensors?: number;
  /** Set when the backend could not start here; the row is then not measured. */
  unavailable?: string;
}

export interface BenchState {
  done: boolean;
  results: BenchResult[];
  /** A harness or benchmark failure (not an unavailable backend). */
  error?: string;
}

declare global {
  interface Window {
    __bench: BenchState;
  }
}

// The page is bundled into .bench-build/, so the shipped data is named from the server's root.
setAssetBase('/assets/');
// …and so is the trainer's worker (bench/run.mjs builds it beside the page).
setTrainingWorkerUrl('/.bench-build/train-worker.js');
// …and the WASM binaries are tfjs' own, served from node_modules.
setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');

const state: BenchState = { done: false, results: [] };
window.__bench = state;

function intParam(params: URLSearchParams, key: string, fallback: number): number {
  const n = Number.parseInt(params.get(key) ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * Milliseconds of a path per call, the mean of `repeat` consecutive calls, or of as many as
 * fit in `ms` when that is more: what the calls report of themselves, else the whole time.
 */
async function time(
  fn: () => Promise<void | number>,
  repeat: number,
  ms = 0,
): Promise<{ ms: number; calls: number }> {
  let own = 0;
  let reported = false;
  let calls = 0;
  const t0 = performance.now();
  do {
    const r = await fn();
    if (typeof r === 'number') {
      own += r;
      reported = true;
    }
    calls++;
  } while (calls < repeat || performance.now() - t0 < ms);
  return { ms: (reported ? own : performance.now() - t0) / calls, calls };
}

async function measure(
  b: Benchmark,
  report: BackendReport,
  runs: number,
  warmup: number,
): Promise<BenchResult> {
  const row = b.name;
  const before = tf.memory().numTensors;
  const ctx = await b.setup();
  const lib: number[] = [];
  const base: number[] = [];
  let repeat = b.repeat ?? 1;
  try {
    // Warm-up compiles shaders and fills caches for both paths before any timing.
    for (let i = 0; i < warmup; i++) {
      await b.run(ctx);
      await b.baseline(ctx);
    }
    let calls = 0;
    const runSample = async () => {
      const t = await time(() => b.run(ctx), repeat, b.sampleMs);
      lib.push(t.ms);
      calls += t.calls;
    };
    const baselineSample = async () => base.push((await time(() => b.baseline(ctx), repeat, b.sampleMs)).ms);
    // Alternate, and swap which goes first each round, so drift (thermal, GC,
    // SwiftShader's thread pool) hits both paths alike.
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        await runSample();
        await baselineSample();
      } else {
        await baselineSample();
        await runSample();
      }
    }
    if (b.sampleMs && runs) repeat = Math.round(calls / runs);
  } finally {
    await b.teardown(ctx);
  }
  const medianMs = runs ? median(lib) : undefined;
  const baselineMs = runs ? median(base) : undefined;
  return {
    name: b.name,
    row,
    auto: report.requested === 'auto',
    backend: report.name,
    backendLabel: report.requested === 'auto' ? `auto → ${report.label}` : report.label,
    medianMs,
    baselineMs,
    ratio: medianMs !== undefined && baselineMs ? medianMs / baselineMs : undefined,
    ratioInterval: medianInterval(pairedRatios(lib, base)),
    runs,
    repeat,
    leakedTensors: tf.memory().numTensors - before,
  };
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const asked = params.get('backend') ?? '';
  // 'auto' measures the library's own choice, to set beside the fastest forced backend.
  const requested = parseBackendName(asked);
  if (requested === 'auto' && asked !== 'auto')
    throw new Error(`?backend= must name a backend or auto, got "${asked}"`);
  const runs = intParam(params, 'runs', 5);
  const warmup = warmupRuns();
  const filter = (params.get('filter') ?? '').toLowerCase();
  const chosen = benchmarks.filter(
    (b) => b.backends.includes(requested) && b.name.toLowerCase().includes(filter),
  );

  if (chosen.length === 0) return; // Nothing to measure: do not spend a backend start on it.

  let report: BackendReport;
  try {
    report = await ensureBackend(requested);
  } catch (e) {
    // Not a harness error: this machine simply lacks the backend.
    const why = e instanceof Error ? e.message : String(e);
    state.results = chosen.map((b) => ({
      name: b.name,
      row: b.name,
      auto: requested === 'auto',
      backend: requested,
      backendLabel: requested,
      runs: 0,
      repeat: b.repeat ?? 1,
      unavailable: why,
    }));
    return;
  }
  for (const b of chosen) state.results.push(await measure(b, report, runs, warmup));
}

main()
  .catch((e: unknown) => {
    state.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  })
  .finally(() => {
    state.done = true;
  });
