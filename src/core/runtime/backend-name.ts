/**
 * Backend names and the parsing of an author's `backend` attribute, apart from
 * backend.ts so that an element can read its attributes before TensorFlow.js loads.
 */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Normalises an author's `backend` attribute; unknown values mean 'auto'. */
export function parseBackendName(value: string | null | undefined): BackendName | 'auto' {
  const v = (value ?? '').trim().toLowerCase();
  return (BACKEND_NAMES as readonly string[]).includes(v) ? (v as BackendName) : 'auto';
}
