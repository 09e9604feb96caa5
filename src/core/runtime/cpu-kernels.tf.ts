/**
 * Faster kernels for tfjs' cpu backend, the one a page computes on where WebAssembly may not
 * run (a course platform whose content security policy forbids compiling it) or where an
 * author forced `backend="cpu"`: the convolution forward and backward (`cpu-conv-kernels`),
 * max pooling's gradient (`cpu-pool-kernels`) and sums over leading axes (`cpu-sum-kernel`).
 * tfjs' own kernel still does what these do not take. Each gives tfjs' own result to the
 * bit (the same sums in the same order, rounded the same way), which `npm test` checks value
 * by value (`tests/core/runtime/cpu-kernels.test.ts`): a page trains and predicts on cpu as it
 * did with tfjs' kernels, only sooner.
 *
 * Measured in Node with `tf.profile`, one `two-conv` training step of 32 digits: 9.9 s with
 * tfjs-backend-cpu 4.22's kernels (9.6 s of it the filter gradient), 0.25 s with these.
 *
 * `registerCpuKernels()` is idempotent; the backend set-up (`backend.tf.ts`) and the training
 * worker call it before the cpu backend starts, and the digit model's training script
 * (`scripts/train-digit-model.mjs`) before it trains.
 */
import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs' own cpu kernels first: they do what the ones here do not take.
import '@tensorflow/tfjs-backend-cpu';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import type { CpuKernel, KernelArgs } from './cpu-kernel-args.js';
import {
  conv2dBackpropFilterCpu,
  conv2dBackpropInputCpu,
  conv2dCpu,
  fusedConv2dCpu,
} from './cpu-conv-kernels.tf.js';
import { maxPoolGradCpu } from './cpu-pool-kernels.tf.js';
import { sumCpu } from './cpu-sum-kernel.tf.js';

const FAST: Record<string, CpuKernel> = {
  Conv2D: conv2dCpu,
  FusedConv2D: fusedConv2dCpu,
  Conv2DBackpropInput: conv2dBackpropInputCpu,
  Conv2DBackpropFilter: conv2dBackpropFilterCpu,
  MaxPoolGrad: maxPoolGradCpu,
  Sum: sumCpu,
};

let registered = false;

/** Puts the kernels above in place of tfjs' own on the cpu backend, which still does what they do not take. */
export function registerCpuKernels(): void {
  if (registered) return;
  registered = true;
  for (const [kernelName, fast] of Object.entries(FAST)) {
    const own = tf.getKernel(kernelName, 'cpu')?.kernelFunc;
    if (!own) continue;
    const kernelFunc = ((args: KernelArgs) => fast(args) ?? own(args)) as unknown as KernelFunc;
    tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc });
  }
}
