/**
 * What the library's cpu kernels (`cpu-kernels.tf.ts`) share: the arguments tfjs' engine
 * passes a kernel, the window attributes tfjs' ops pass, and the cpu backend's storage,
 * where a float32 tensor's values are a Float32Array the kernels read and write directly.
 */
import type { backend_util, KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/** What the engine passes a kernel; the inputs are named by the kernel's definition. */
export interface KernelArgs {
  inputs: Record<string, TensorInfo | undefined>;
  backend: KernelBackend;
  attrs: NamedAttrMap;
}

/** A kernel of this library: undefined for what it does not take, which tfjs' own kernel then does. */
export type CpuKernel = (args: KernelArgs) => TensorInfo | undefined;

/** The window attributes of tfjs' convolution and pooling kernels. */
export type Pair = [number, number] | number;
export type Padding = 'valid' | 'same' | number | backend_util.ExplicitPadding;
export type Rounding = 'floor' | 'round' | 'ceil' | undefined;

/** The cpu backend's storage. */
interface CpuStore {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
  disposeIntermediateTensorInfo(info: TensorInfo): void;
}

const store = (backend: KernelBackend) => backend as unknown as CpuStore;

/** A float32 tensor's values; undefined for other dtypes (and absent tensors). */
export function valuesOf(backend: KernelBackend, t: TensorInfo | undefined): Float32Array | undefined {
  if (!t) return undefined;
  const values = store(backend).data.get(t.dataId).values;
  return t.dtype === 'float32' && values instanceof Float32Array ? values : undefined;
}

/** A new float32 tensor holding `values`. */
export function output(backend: KernelBackend, shape: number[], values: Float32Array): TensorInfo {
  return store(backend).makeTensorInfo(shape, 'float32', values);
}

/** Frees a tensor a kernel made on the way to its result. */
export function dropIntermediate(backend: KernelBackend, info: TensorInfo): void {
  store(backend).disposeIntermediateTensorInfo(info);
}
