/**
 * Reading tensors where they live, on the backends that keep them in the page's own memory
 * (wasm: the module's heap; cpu: plain typed arrays). There a value is a copy away, not a
 * wait for a device, and small jobs (a dense head's step, a batch of rows) run faster as one
 * loop over that memory than as tfjs kernels, whose bookkeeping and generic index walks cost
 * more than the arithmetic. `dataSync` would copy: 200 KB take close to a millisecond on wasm.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';

/** The WASM backend's own memory access (its class is not exported as a type we can import cheaply). */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/** True where tensors live in main memory (wasm, cpu), so that reading them is cheap and never stalls. */
export function inHostMemory(): boolean {
  const name = tf.getBackend();
  return name === 'wasm' || name === 'cpu';
}

/**
 * A float32 tensor's values, without a copy where the backend allows: a view of the wasm
 * heap (valid only until the next tensor is made, which may grow and move the heap) or the
 * cpu backend's own array (shared with clones). Read it, never write it.
 */
export function peek(t: tf.Tensor): Float32Array {
  if (tf.getBackend() === 'wasm') return (tf.backend() as unknown as HeapBackend).typedArrayFromHeap(t);
  return t.dataSync() as Float32Array;
}

/**
 * Rows `ids` of a float32 tensor [n, ...], as a new tensor [ids.length, ...]: rows copied in
 * host memory (on wasm straight into the new tensor's memory: a fresh 100 KB array per batch
 * would cost more in garbage collection than the copy), `tf.gather` elsewhere.
 */
export function gatherRows<T extends tf.Tensor>(t: T, ids: Int32Array): T {
  if (!inHostMemory() || t.dtype !== 'float32') {
    return tf.tidy(() => tf.gather(t, tf.tensor1d(ids, 'int32')));
  }
  const shape = [ids.length, ...t.shape.slice(1)];
  const size = t.size / t.shape[0];
  const copy = (from: Float32Array, to: Float32Array) =>
    ids.forEach((id, row) => to.set(from.subarray(id * size, (id + 1) * size), row * size));
  if (tf.getBackend() === 'wasm') {
    const heap = tf.backend() as unknown as HeapBackend;
    // Allocate first: a growing heap would detach views taken before.
    const info = heap.makeOutput(shape, 'float32');
    copy(heap.typedArrayFromHeap(t), heap.typedArrayFromHeap(info));
    return tf.engine().makeTensorFromTensorInfo(info) as T;
  }
  const out = new Float32Array(ids.length * size);
  copy(peek(t), out);
  return tf.tensor(out, shape) as T;
}

/** A new tensor holding a copy of `values` (the cpu backend would otherwise keep the array itself). */
export function tensorCopy(values: Float32Array, shape: number[]): tf.Tensor {
  return tf.tensor(tf.getBackend() === 'cpu' ? values.slice() : values, shape);
}

/**
 * A float32 tensor's values in a JavaScript array the caller may keep. In host memory they
 * are copied into `into` when it has their size (a refresh that reads the same shapes every
 * time then makes no new arrays: on a machine without a GPU, fresh arrays and the garbage
 * they leave cost more than the copy), or on cpu handed over as the backend's own array,
 * which no kernel writes again. Elsewhere they are read with `data()`.
 */
export async function readValues(t: tf.Tensor, into?: Float32Array): Promise<Float32Array> {
  if (!inHostMemory() || t.dtype !== 'float32') return (await t.data()) as Float32Array;
  const values = peek(t);
  if (into?.length === values.length) {
    into.set(values);
    return into;
  }
  return tf.getBackend() === 'cpu' ? values : values.slice();
}
