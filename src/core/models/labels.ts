/**
 * Class labels: reading them from what an author gives (a URL or inline JSON), the shipped
 * ImageNet-1k names, and turning a model's scores into the top-k labelled predictions (what
 * Keras calls `decode_predictions`). No tfjs, no DOM.
 */
import { assetUrl } from '../runtime/assets.js';
import { fetchChecked } from '../runtime/fetch-checked.js';

export interface ClassLabel {
  /** The readable name. */
  name: string;
  /** An identifier that goes with it, such as a WordNet id, when the source gives one. */
  id?: string;
}

export interface Prediction {
  /** The class's output index. */
  index: number;
  label: string;
  probability: number;
  /** The class's identifier when its label has one (the WordNet id of an ImageNet class). */
  id?: string;
}

/**
 * Parses labels from text: a JSON array (of names, or of `[id, name]` pairs), a JSON object
 * from index to name or to `[id, name]` (Keras's `imagenet_class_index.json`), or plain text
 * with one label a line.
 */
export function parseLabels(text: string, source = 'labels'): ClassLabel[] {
  const trimmed = text.trim();
  if (!trimmed) throw new Error(`${source} is empty: give a JSON array of names or one name a line.`);
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new Error(
        `${source} looks like JSON but does not parse: give a JSON array such as ["cat", "dog"].`,
      );
    }
    return fromJson(value, source);
  }
  if (trimmed.startsWith('<'))
    throw new Error(
      `${source} is an HTML page, not labels: give a JSON array or a text file with one label a line.`,
    );
  return trimmed.split(/\r?\n/).map((line) => ({ name: line.trim() }));
}

function fromJson(value: unknown, source: string): ClassLabel[] {
  const entry = (v: unknown, where: string): ClassLabel => {
    if (typeof v === 'string' || typeof v === 'number') return { name: String(v) };
    if (Array.isArray(v) && v.length === 2 && v.every((p) => typeof p === 'string'))
      return { id: v[0], name: v[1] };
    throw new Error(
      `${source}${where} is ${JSON.stringify(v)}: each label must be a name or an [id, name] pair.`,
    );
  };
  if (Array.isArray(value)) return value.map((v, i) => entry(v, `[${i}]`));
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (!keys.every((k, i) => k === String(i))) {
    throw new Error(
      `${source} is a JSON object whose keys are not 0, 1, 2, …: give an array, or an object from class index to name.`,
    );
  }
  return keys.map((k) => entry(object[k], `["${k}"]`));
}

/** True when an author's `labels` value is inline JSON rather than a URL. */
export function isInlineLabels(spec: string): boolean {
  return /^\s*[[{]/.test(spec);
}

/** Loads labels from a URL or inline JSON. */
export async function loadLabels(spec: string, signal?: AbortSignal): Promise<ClassLabel[]> {
  if (isInlineLabels(spec)) return parseLabels(spec, 'The labels attribute');
  const response = await fetchChecked(new URL(spec, document.baseURI).href, 'the labels', signal);
  return parseLabels(await response.text(), `The labels at ${spec}`);
}

let imagenet: Promise<ClassLabel[]> | undefined;

/** The shipped ImageNet-1k classes with their WordNet ids, in output order (fetched once per page). */
export function imagenetLabels(): Promise<ClassLabel[]> {
  imagenet ??= loadLabels(assetUrl('imagenet/classes.json')).catch((e) => {
    imagenet = undefined;
    throw e;
  });
  return imagenet;
}

/**
 * The labels for a model with `classes` outputs: the author's, the ImageNet classes (names
 * and WordNet ids) for a 1000-class model (1001: with "background" first), else "class 0", "class 1", ….
 * Throws when the author's count differs.
 */
export async function labelsFor(
  spec: string | ClassLabel[] | undefined,
  classes: number,
  signal?: AbortSignal,
): Promise<ClassLabel[]> {
  let labels: ClassLabel[];
  if (Array.isArray(spec)) labels = spec;
  else if (spec && spec.trim()) labels = await loadLabels(spec, signal);
  else if (classes === 1000) labels = await imagenetLabels();
  // TF-slim and TF Hub MobileNets add a "background" class before the 1000.
  else if (classes === 1001) labels = [{ name: 'background' }, ...(await imagenetLabels())];
  else labels = Array.from({ length: classes }, (_, i) => ({ name: `class ${i}` }));
  if (labels.length !== classes) {
    throw new Error(
      `The labels list ${labels.length} classes but the model has ${classes} outputs: give exactly one label per output, in output order.`,
    );
  }
  return labels;
}

/** Scores as probabilities: kept when they already are (softmax output), else softmaxed here. */
export function toProbabilities(scores: ArrayLike<number>): Float32Array {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    sum += scores[i];
    min = Math.min(min, scores[i]);
    max = Math.max(max, scores[i]);
  }
  const out = new Float32Array(scores.length);
  if (min >= 0 && max <= 1 && Math.abs(sum - 1) < 1e-3) {
    out.set(scores);
    return out;
  }
  let total = 0;
  for (let i = 0; i < scores.length; i++) total += out[i] = Math.exp(scores[i] - max);
  for (let i = 0; i < out.length; i++) out[i] /= total;
  return out;
}

/** The k most probable classes, best first (ties by lower index). */
export function topK(
  probabilities: ArrayLike<number>,
  labels: readonly ClassLabel[],
  k: number,
): Prediction[] {
  const order = Array.from({ length: probabilities.length }, (_, i) => i);
  order.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  return order.slice(0, Math.max(1, Math.min(k, order.length))).map((index) => {
    const id = labels[index]?.id;
    const prediction: Prediction = {
      index,
      label: labels[index]?.name ?? `class ${index}`,
      probability: probabilities[index],
    };
    // Only where there is one: a prediction without an id has no `id` key at all.
    return id ? { ...prediction, id } : prediction;
  });
}
