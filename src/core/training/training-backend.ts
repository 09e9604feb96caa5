/**
 * Which backend trains, apart from the one the page draws with. The training worker has a
 * tfjs of its own, so it need not share the page's choice: where the page draws on a real
 * GPU that won the page's calibration (whose workload includes a training step), the
 * worker trains there too; everywhere else wasm, with its native gradient kernels, trains
 * fastest without a GPU, and cpu is the last resort. A backend an author forced is kept.
 *
 * A network whose gradient needs a kernel the chosen backend lacks moves to the next
 * candidate instead of failing with tfjs' raw "Kernel … not registered" message.
 * No DOM and no backend imports here: the page and the worker both use it.
 */
import type { WorkerBackend } from './worker-messages.js';

/** What the page's backend report says that matters here (see `BackendReport`). */
export interface PageBackend {
  name: WorkerBackend;
  requested: WorkerBackend | 'auto';
  adapter?: { isSoftware: boolean };
}

/** The backends to try for training, best first, given the page's own. */
export function trainingBackendOrder(page: PageBackend): WorkerBackend[] {
  if (page.requested !== 'auto') return [page.requested];
  const realGpu = (page.name === 'webgpu' || page.name === 'webgl') && page.adapter?.isSoftware === false;
  return realGpu ? [page.name, 'wasm', 'cpu'] : ['wasm', 'cpu'];
}

/** Why this backend trains: one clause for the progress line's tooltip and the reports. */
export function trainingBackendNote(
  chosen: WorkerBackend,
  order: readonly WorkerBackend[],
  failed: readonly string[],
): string {
  const first =
    order.length === 1
      ? `${chosen} was forced by the backend attribute`
      : chosen === 'wasm'
        ? 'wasm trains fastest without a real GPU (native gradient kernels, no software GPU in between)'
        : chosen === 'cpu'
          ? 'cpu is the backend every browser can train on'
          : `${chosen} runs on a real GPU that won the page's calibration`;
  return failed.length ? `${first}; ${failed.join('; ')}` : first;
}

/** A backend lacks a kernel the network's training needs; the message is in the reader's words. */
export class MissingKernelError extends Error {
  override name = 'MissingKernelError';
  constructor(
    readonly kernel: string,
    readonly backend: string,
  ) {
    super(explainMissingKernel(kernel, backend));
  }
}

/** The kernel and backend of tfjs' "Kernel 'X' not registered for backend 'Y'" error (or ours), if it is one. */
export function missingKernel(e: unknown): { kernel: string; backend: string } | undefined {
  if (e instanceof MissingKernelError) return e;
  const m = /Kernel '([^']+)' not registered for backend '([^']+)'/.exec(
    e instanceof Error ? e.message : String(e),
  );
  return m ? { kernel: m[1], backend: m[2] } : undefined;
}

/** The same fact in the reader's words. */
export function explainMissingKernel(kernel: string, backend: string): string {
  return `The ${backend} backend cannot train this network: it has no ${kernel} operation, which one of its layers needs.`;
}

/**
 * Runs `attempt` on each candidate in turn until one trains: a candidate that lacks a
 * kernel the network needs hands the run to the next, as long as it failed before any
 * batch was reported (`progressed`); `moved` tells the next attempt why it runs there.
 * A missing kernel with nowhere left to go is explained, never passed on raw.
 */
export async function trainWithFallback<T>(
  candidates: readonly WorkerBackend[],
  attempt: (backend: WorkerBackend, moved?: string) => Promise<T>,
  progressed: () => boolean,
): Promise<T> {
  let moved: string | undefined;
  for (let i = 0; ; i++) {
    try {
      return await attempt(candidates[i], moved);
    } catch (e) {
      const missing = missingKernel(e);
      if (!missing) throw e;
      const next = candidates[i + 1];
      if (!next || progressed()) throw new MissingKernelError(missing.kernel, missing.backend);
      moved = `${candidates[i]} has no ${missing.kernel} operation for this network, so it trains on ${next}`;
    }
  }
}
