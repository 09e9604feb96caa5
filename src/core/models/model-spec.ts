/**
 * The trainer's networks as data: the course's presets, an author's `layers` JSON and
 * the checks that catch an impossible stack before any tensor exists. No TensorFlow.js
 * here (the element paints before tfjs loads); `model-build.ts` turns a checked stack
 * into a tfjs model.
 */

/** MNIST digits: 28×28 grey pixels, ten classes. */
export const INPUT_SHAPE: readonly [number, number, number] = [28, 28, 1];
export const CLASSES = 10;

export type Activation = 'relu' | 'softmax' | 'sigmoid' | 'tanh' | 'linear' | 'elu' | 'selu';
export type Padding = 'valid' | 'same';
export type InitializerName = 'heUniform' | 'glorotUniform';
export type Pair = number | [number, number];

export interface Conv2dSpec {
  type: 'conv2d';
  filters: number;
  kernelSize: Pair;
  strides?: Pair;
  padding?: Padding;
  activation?: Activation;
  kernelInitializer?: InitializerName;
}
export interface PoolSpec {
  type: 'maxPooling2d' | 'averagePooling2d';
  poolSize?: Pair;
  strides?: Pair;
  padding?: Padding;
}
export interface FlattenSpec {
  type: 'flatten';
}
export interface DenseSpec {
  type: 'dense';
  units: number;
  activation?: Activation;
  kernelInitializer?: InitializerName;
}
export interface DropoutSpec {
  type: 'dropout';
  rate: number;
}
export interface BatchNormSpec {
  type: 'batchNormalization';
}
/** Averages each feature map to one number (the usual head on a pretrained base). */
export interface GlobalPoolSpec {
  type: 'globalAveragePooling2d';
}
/** One layer of a stack, as an author writes it in `layers` JSON. */
export type LayerSpec =
  | Conv2dSpec
  | PoolSpec
  | FlattenSpec
  | DenseSpec
  | DropoutSpec
  | BatchNormSpec
  | GlobalPoolSpec;

/**
 * The names a fresh Keras session gives a stack's layers (`conv2d`, `max_pooling2d`,
 * `conv2d_1`, …, `dense_1`), so that the layer table and the network view read like the
 * course notebook's `model.summary()`, and stay the same when the network is rebuilt
 * (tfjs' own names, `conv2d_Conv2D7`, count every layer the page ever made). Names in
 * `taken` (a base's layers, under a transfer head) are skipped.
 */
export function kerasLayerNames(
  layers: readonly Pick<LayerSpec, 'type'>[],
  taken: Iterable<string> = [],
): string[] {
  const used = new Set(taken);
  return layers.map(({ type }) => {
    const stem = type.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    let name = stem;
    for (let n = 1; used.has(name); n++) name = `${stem}_${n}`;
    used.add(name);
    return name;
  });
}
export type LayerType = LayerSpec['type'];

export const LAYER_TYPES: readonly LayerType[] = [
  'conv2d',
  'maxPooling2d',
  'averagePooling2d',
  'flatten',
  'dense',
  'dropout',
  'batchNormalization',
  'globalAveragePooling2d',
];

export type OptimizerName = 'sgd' | 'momentum' | 'adam';
export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'adam'];

/** Training settings a preset comes with; the element's attributes override them. */
export interface Hyperparameters {
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  validationSplit: number;
}

export interface Preset {
  /** What the course says about it, for the table caption. */
  description: string;
  layers: LayerSpec[];
  hyper: Hyperparameters;
}

export type PresetName = 'basic' | 'two-conv' | 'three-conv' | 'dense-only';
export const PRESET_NAMES: readonly PresetName[] = ['basic', 'two-conv', 'three-conv', 'dense-only'];

const conv = (filters: number, extra: Partial<Conv2dSpec> = {}): Conv2dSpec => ({
  type: 'conv2d',
  filters,
  kernelSize: 3,
  activation: 'relu',
  kernelInitializer: 'heUniform',
  ...extra,
});
const pool = (): PoolSpec => ({ type: 'maxPooling2d', poolSize: 2 });
const dense = (units: number, activation: Activation = 'relu'): DenseSpec =>
  activation === 'softmax'
    ? { type: 'dense', units, activation }
    : { type: 'dense', units, activation, kernelInitializer: 'heUniform' };
const FLATTEN: FlattenSpec = { type: 'flatten' };
const OUTPUT = (): DenseSpec => dense(CLASSES, 'softmax');
const ADAM: Hyperparameters = {
  epochs: 5,
  batchSize: 32,
  learningRate: 0.001,
  optimizer: 'adam',
  validationSplit: 0,
};

/** The course's networks (see the README for where each figure comes from). */
export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  basic: {
    description:
      'The course’s first CNN: one convolution, one pooling layer, SGD with momentum (96.2% after 5 epochs on 60,000 digits).',
    layers: [conv(32), pool(), FLATTEN, dense(100), OUTPUT()],
    hyper: { epochs: 5, batchSize: 32, learningRate: 0.01, optimizer: 'momentum', validationSplit: 0 },
  },
  'two-conv': {
    description: 'Two convolution and pooling pairs, Adam (over 98% in the course).',
    layers: [conv(32), pool(), conv(64), pool(), FLATTEN, dense(128), OUTPUT()],
    hyper: { ...ADAM },
  },
  'three-conv': {
    description:
      'Two convolution and pooling pairs and a lone convolution, Adam, batch 64, 10% held out (98.9% in the course).',
    layers: [conv(32), pool(), conv(64), pool(), conv(64), FLATTEN, dense(64), OUTPUT()],
    hyper: { ...ADAM, batchSize: 64, validationSplit: 0.1 },
  },
  'dense-only': {
    description:
      'No convolution at all: the dense baseline the CNNs are compared with (97.4% in the course).',
    layers: [FLATTEN, dense(128), OUTPUT()],
    hyper: { ...ADAM },
  },
};

/** Input the author can fix: the message says what is wrong and what to do. */
export class SpecError extends Error {
  override name = 'SpecError';
}

export function parsePreset(value: string): PresetName {
  const v = value.trim().toLowerCase();
  if ((PRESET_NAMES as readonly string[]).includes(v)) return v as PresetName;
  throw new SpecError(
    `Unknown preset "${value}". Use one of ${PRESET_NAMES.join(', ')}, or describe the layers with the layers attribute.`,
  );
}

export function parseOptimizer(value: string): OptimizerName {
  const v = value.trim().toLowerCase();
  if ((OPTIMIZERS as readonly string[]).includes(v)) return v as OptimizerName;
  throw new SpecError(`Unknown optimizer "${value}". Use sgd, momentum (SGD with momentum 0.9) or adam.`);
}

const ACTIVATIONS: readonly Activation[] = ['relu', 'softmax', 'sigmoid', 'tanh', 'linear', 'elu', 'selu'];
const INITIALIZERS: readonly InitializerName[] = ['heUniform', 'glorotUniform'];

/** Parses and checks an author's `layers` value (JSON text or an array). */
export function parseLayers(value: string | unknown[]): LayerSpec[] {
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch (e) {
      throw new SpecError(
        `The layers attribute is not valid JSON (${e instanceof Error ? e.message : String(e)}). ` +
          `Write a list such as [{"type":"conv2d","filters":8,"kernelSize":3},{"type":"flatten"},{"type":"dense","units":10,"activation":"softmax"}].`,
      );
    }
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new SpecError(
      'The layers attribute must be a non-empty JSON list of layers, each an object with a "type".',
    );
  }
  return raw.map((item, i) => parseLayer(item, i));
}

function parseLayer(item: unknown, i: number): LayerSpec {
  const at = `Layer ${i + 1}`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new SpecError(`${at} is not an object: write it as {"type": "conv2d", …}.`);
  }
  const o = item as Record<string, unknown>;
  const type = o.type;
  if (typeof type !== 'string' || !(LAYER_TYPES as readonly string[]).includes(type)) {
    throw new SpecError(
      `${at} has an unknown type ${JSON.stringify(type)}. Known types: ${LAYER_TYPES.join(', ')}.`,
    );
  }
  const int = (key: string, fallback?: number, min = 1): number => {
    const v = o[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      throw new SpecError(
        `${at} (${type}) needs "${key}" as a whole number ≥ ${min}, got ${JSON.stringify(o[key])}.`,
      );
    }
    return v;
  };
  const pair = (key: string, fallback?: Pair): Pair | undefined => {
    const v = o[key] ?? fallback;
    if (v === undefined) return undefined;
    const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1;
    if (ok(v)) return v as number;
    if (Array.isArray(v) && v.length === 2 && v.every(ok)) return [v[0], v[1]] as [number, number];
    throw new SpecError(
      `${at} (${type}): "${key}" must be a whole number ≥ 1 or a pair like [2, 2], got ${JSON.stringify(v)}.`,
    );
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    throw new SpecError(
      `${at} (${type}): "${key}" must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}.`,
    );
  };
  const defined = <T extends object>(spec: T): T =>
    Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as T;
  switch (type as LayerType) {
    case 'conv2d':
      return defined<Conv2dSpec>({
        type: 'conv2d',
        filters: int('filters'),
        kernelSize: pair('kernelSize', 3)!,
        strides: pair('strides'),
        padding: oneOf('padding', ['valid', 'same'] as const),
        activation: oneOf('activation', ACTIVATIONS),
        kernelInitializer: oneOf('kernelInitializer', INITIALIZERS),
      });
    case 'maxPooling2d':
    case 'averagePooling2d':
      return defined<PoolSpec>({
        type: type as PoolSpec['type'],
        poolSize: pair('poolSize', 2),
        strides: pair('strides'),
        padding: oneOf('padding', ['valid', 'same'] as const),
      });
    case 'flatten':
      return { type: 'flatten' };
    case 'dense':
      return defined<DenseSpec>({
        type: 'dense',
        units: int('units'),
        activation: oneOf('activation', ACTIVATIONS),
        kernelInitializer: oneOf('kernelInitializer', INITIALIZERS),
      });
    case 'dropout': {
      const rate = o.rate;
      if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
        throw new SpecError(
          `${at} (dropout) needs "rate" between 0 and 1 (say 0.25), got ${JSON.stringify(rate)}.`,
        );
      }
      return { type: 'dropout', rate };
    }
    case 'batchNormalization':
      return { type: 'batchNormalization' };
    case 'globalAveragePooling2d':
      return { type: 'globalAveragePooling2d' };
  }
}

const asPair = (p: Pair): [number, number] => (typeof p === 'number' ? [p, p] : p);

/** Output size of a window sliding over `n` cells. */
function slide(n: number, k: number, s: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;
}

/**
 * The output shape of every layer (without the batch axis), or a SpecError that says
 * at which layer the stack breaks and how to fix it, in the course's terms.
 */
export function checkStack(
  layers: readonly LayerSpec[],
  classes = CLASSES,
  inputShape: readonly number[] = INPUT_SHAPE,
): number[][] {
  let shape: number[] = [...inputShape];
  const shapes: number[][] = [];
  layers.forEach((layer, i) => {
    const at = `Layer ${i + 1} (${layer.type})`;
    switch (layer.type) {
      case 'conv2d':
      case 'maxPooling2d':
      case 'averagePooling2d': {
        if (shape.length !== 3) {
          throw new SpecError(
            `${at} needs a 2-D map, but the layers before it made a flat vector. Put convolution and pooling layers before the flatten layer.`,
          );
        }
        const isConv = layer.type === 'conv2d';
        const k = asPair(isConv ? layer.kernelSize : (layer.poolSize ?? 2));
        const s = asPair(layer.strides ?? (isConv ? 1 : k));
        const padding = layer.padding ?? 'valid';
        const h = slide(shape[0], k[0], s[0], padding);
        const w = slide(shape[1], k[1], s[1], padding);
        if (h < 1 || w < 1) {
          throw new SpecError(
            `${at} gets a ${shape[0]}×${shape[1]} map, too small for its ${k[0]}×${k[1]} window: the convolutions and ` +
              `pooling before it shrank the map to nothing. Use fewer pooling layers, a smaller pool (2×2 is the usual minimum), ` +
              `or "padding": "same" on the convolutions so they keep the map's size.`,
          );
        }
        shape = [h, w, isConv ? layer.filters : shape[2]];
        break;
      }
      case 'flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'globalAveragePooling2d':
        if (shape.length !== 3)
          throw new SpecError(`${at} needs a 2-D map, but the layers before it made a flat vector.`);
        shape = [shape[2]];
        break;
      case 'dense':
        if (shape.length !== 1) {
          throw new SpecError(
            `${at} comes before any flatten layer. Add {"type": "flatten"} between the last pooling or convolution layer and the first dense layer.`,
          );
        }
        shape = [layer.units];
        break;
      case 'dropout':
      case 'batchNormalization':
        break;
    }
    shapes.push(shape);
  });
  const last = layers[layers.length - 1];
  if (last.type !== 'dense' || last.units !== classes || last.activation !== 'softmax') {
    throw new SpecError(
      classes === CLASSES
        ? `The last layer must give one probability per digit: end the list with {"type": "dense", "units": 10, "activation": "softmax"}.`
        : `The last layer must give one probability per class: end the list with {"type": "dense", "units": ${classes}, "activation": "softmax"}.`,
    );
  }
  return shapes;
}

/**
 * The stack with its output layer sized for `classes` (the reader's own classes): the
 * presets end with ten digits, a dense softmax layer whose units become the class count.
 */
export function withClasses(layers: readonly LayerSpec[], classes: number): LayerSpec[] {
  const last = layers[layers.length - 1];
  if (last?.type !== 'dense' || last.activation !== 'softmax') return [...layers];
  return [...layers.slice(0, -1), { ...last, units: classes }];
}

/** One row of the layer table, like a line of Keras' `model.summary()`. */
export interface SummaryRow {
  name: string;
  /** The tfjs class name, e.g. `Conv2D`. */
  type: string;
  /** Without the batch axis, e.g. `[26, 26, 32]`. */
  outputShape: number[];
  params: number;
  /** Parameters the optimizer changes; the rest are frozen (a transfer-learning base). */
  trainableParams?: number;
}
