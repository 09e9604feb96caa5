/**
 * The layer chain's pass on tfjs' cpu backend: each plan as a loop over the values where
 * the backend keeps them (`peek`, no copy), each output written into the array the previous
 * pass left for it (`reuse`). On that backend tfjs' own kernels spend more on new arrays and
 * broadcast indexing than on the arithmetic (see `layer-loops.ts`); on the other backends the
 * chain runs as tfjs ops (`runChain`), whose kernels there are native or on a GPU.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { activateInPlace, conv2d, copyOf, dense, globalPool, pool2d } from '../math/layer-loops.js';
import type { LoopOutput, Shape3 } from '../math/layer-loops.js';
import { peek } from '../runtime/host-memory.tf.js';
import type { Chain, LayerPlan } from './layer-chain.tf.js';

/** The last dimension of a shape: the axis softmax runs over. */
const lastOf = (shape: number[]) => shape[shape.length - 1];

/** A layer's weights where the backend keeps them: the kernel and its shape, and the bias if it has one. */
function weightsOf(plan: { useBias: boolean; weights: () => tf.Tensor[] }) {
  const [kernel, bias] = plan.weights();
  return {
    kernel: peek(kernel),
    shape: kernel.shape as number[],
    bias: plan.useBias && bias ? peek(bias) : undefined,
  };
}

/** One plan on `x` (shape without the batch), into `into` when it has the output's size. */
function stepOnHost(plan: LayerPlan, x: Float32Array, shape: number[], into?: Float32Array): LoopOutput {
  switch (plan.kind) {
    case 'conv': {
      const { kernel, shape: kernelShape, bias } = weightsOf(plan);
      const y = conv2d(
        x,
        shape as Shape3,
        kernel,
        kernelShape as [number, number, number, number],
        bias,
        plan.strides,
        plan.dilations,
        plan.padding,
        into,
      );
      activateInPlace(y.values, plan.activation, lastOf(y.shape));
      return y;
    }
    case 'dense': {
      const { kernel, shape: kernelShape, bias } = weightsOf(plan);
      const y = dense(x, kernel, kernelShape[1], bias, into);
      activateInPlace(y.values, plan.activation, lastOf(y.shape));
      return y;
    }
    case 'pool':
      return pool2d(x, shape as Shape3, plan.mode, plan.size, plan.strides, plan.padding, into);
    case 'global':
      return globalPool(x, shape as Shape3, plan.mode, into);
    case 'flatten':
      return { values: copyOf(x, into), shape: [x.length] };
    case 'identity':
      return { values: copyOf(x, into), shape };
    case 'activation': {
      const values = copyOf(x, into);
      activateInPlace(values, plan.activation, lastOf(shape));
      return { values, shape };
    }
  }
}

/**
 * Runs the chain on `input` ([1, ...], a float32 tensor on the cpu backend, left as it is):
 * every layer's output, batch dimension dropped. `reuse` holds the previous pass's arrays,
 * which the caller gives up; those of the right size are written again.
 */
export function runChainOnHost(
  chain: Chain,
  input: tf.Tensor,
  reuse?: ReadonlyArray<Float32Array | undefined>,
): LoopOutput[] {
  const outputs: LoopOutput[] = [];
  let x = peek(input);
  let shape = input.shape.slice(1);
  chain.forEach((plan, i) => {
    // An array is written once a pass: a pass through tfjs could have handed one out twice.
    const into = reuse?.[i];
    const free = into !== x && !outputs.some((o) => o.values === into);
    const y = stepOnHost(plan, x, shape, free ? into : undefined);
    outputs.push(y);
    ({ values: x, shape } = y);
  });
  return outputs;
}
