/**
 * The trainer's network and settings written as the Keras code the course writes
 * (`models.Sequential([...])`, `layers.Conv2D(32, (3, 3), activation='relu',
 * input_shape=(28, 28, 1))`, `model.compile(...)`, `model.fit(...)`), so that a reader
 * can take what they built on the page to a notebook. Pure string work: no tfjs, no DOM.
 */
import type { Hyperparameters, LayerSpec, Pair } from './model-spec.js';

/** A frozen feature extractor under a new head (the course's VGG16 recipe). */
export type KerasBase =
  | {
      /** The base's own layers, known here (the shipped digit CNN's convolutions). */
      kind: 'layers';
      name: string;
      layers: readonly LayerSpec[];
      /** Where the weights come from, said in a comment. */
      weights: string;
      /** The base's last N layers are trained too (with a smaller learning rate); 0: all frozen. */
      fineTune: number;
    }
  | {
      /** A model loaded from a URL, cut at one of its layers. */
      kind: 'model';
      url: string;
      /** The layer whose output is the feature map. */
      cutAt: string;
      fineTune: number;
    };

export interface KerasInput {
  /** The layers the page builds and trains (the head, when there is a base). */
  layers: readonly LayerSpec[];
  hyper: Hyperparameters;
  /** Without the batch axis, e.g. [28, 28, 1]. */
  inputShape: readonly number[];
  base?: KerasBase;
  /** The reader's class names, when training on their own examples (else MNIST). */
  classes?: readonly string[];
}

const INDENT = '    ';

const py = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** A Python number as Keras code writes it: 0.001 stays 0.001, 1e-7 stays readable. */
const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6))));
const tuple = (items: readonly number[]) => `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
const pair = (p: Pair) => tuple(typeof p === 'number' ? [p, p] : p);
/** tfjs' camelCase initializer names in Keras' snake_case. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** One layer as a `layers.X(...)` call; `first` adds the input shape as the course does. */
export function kerasLayer(layer: LayerSpec, inputShape?: readonly number[]): string {
  const args: string[] = [];
  const kw = (key: string, value: string | undefined) => {
    if (value !== undefined) args.push(`${key}=${value}`);
  };
  let name: string;
  switch (layer.type) {
    case 'conv2d':
      name = 'Conv2D';
      args.push(String(layer.filters), pair(layer.kernelSize));
      if (layer.strides !== undefined) kw('strides', pair(layer.strides));
      if (layer.padding && layer.padding !== 'valid') kw('padding', py(layer.padding));
      if (layer.activation && layer.activation !== 'linear') kw('activation', py(layer.activation));
      if (layer.kernelInitializer && layer.kernelInitializer !== 'glorotUniform')
        kw('kernel_initializer', py(snake(layer.kernelInitializer)));
      break;
    case 'maxPooling2d':
    case 'averagePooling2d':
      name = layer.type === 'maxPooling2d' ? 'MaxPooling2D' : 'AveragePooling2D';
      args.push(pair(layer.poolSize ?? 2));
      if (layer.strides !== undefined) kw('strides', pair(layer.strides));
      if (layer.padding && layer.padding !== 'valid') kw('padding', py(layer.padding));
      break;
    case 'globalAveragePooling2d':
      name = 'GlobalAveragePooling2D';
      break;
    case 'flatten':
      name = 'Flatten';
      break;
    case 'dense':
      name = 'Dense';
      args.push(String(layer.units));
      if (layer.activation && layer.activation !== 'linear') kw('activation', py(layer.activation));
      if (layer.kernelInitializer && layer.kernelInitializer !== 'glorotUniform')
        kw('kernel_initializer', py(snake(layer.kernelInitializer)));
      break;
    case 'dropout':
      name = 'Dropout';
      args.push(num(layer.rate));
      break;
    case 'batchNormalization':
      name = 'BatchNormalization';
      break;
  }
  if (inputShape) kw('input_shape', tuple(inputShape));
  return `layers.${name}(${args.join(', ')})`;
}

/** The optimizer argument: the course's `'adam'` where Keras' default rate is meant, else the object. */
function optimizerCode({ optimizer, learningRate }: Pick<Hyperparameters, 'optimizer' | 'learningRate'>): {
  code: string;
  needsModule: boolean;
} {
  const lr = num(learningRate);
  switch (optimizer) {
    case 'adam':
      return learningRate === 0.001
        ? { code: "'adam'", needsModule: false }
        : { code: `optimizers.Adam(learning_rate=${lr})`, needsModule: true };
    case 'sgd':
      return learningRate === 0.01
        ? { code: "'sgd'", needsModule: false }
        : { code: `optimizers.SGD(learning_rate=${lr})`, needsModule: true };
    case 'momentum':
      return { code: `optimizers.SGD(learning_rate=${lr}, momentum=0.9)`, needsModule: true };
  }
}

function list(items: readonly string[]): string[] {
  return items.map((item, i) => `${INDENT}${item}${i < items.length - 1 ? ',' : ''}`);
}

/** The base's lines: built (or loaded and cut), then frozen, then its last layers unfrozen to fine-tune. */
function baseLines(base: KerasBase, inputShape: readonly number[]): string[] {
  const lines: string[] = [];
  if (base.kind === 'layers') {
    lines.push(`# The pretrained base: ${base.weights}`);
    lines.push('base = models.Sequential([');
    lines.push(...list(base.layers.map((l, i) => kerasLayer(l, i === 0 ? inputShape : undefined))));
    lines.push(`], name=${py(base.name)})`);
  } else {
    lines.push(`# The pretrained base: the tfjs model at ${base.url}`);
    lines.push('# (converted to Keras with tensorflowjs_converter), cut at its last feature map.');
    lines.push(`full = models.load_model('model.h5')  # input_shape=${tuple(inputShape)}`);
    lines.push(`base = models.Model(full.input, full.get_layer(${py(base.cutAt)}).output)`);
  }
  if (base.fineTune > 0) {
    lines.push(
      `# Fine-tune: train the base's last ${base.fineTune} layers too, with a smaller learning rate.`,
    );
    lines.push('base.trainable = True');
    lines.push(`for layer in base.layers[:-${base.fineTune}]:`);
    lines.push(`${INDENT}layer.trainable = False`);
  } else {
    lines.push('base.trainable = False  # frozen: only the new head learns');
  }
  return lines;
}

/** The Keras code of a network and its training settings, in the course's notation. */
export function toKerasCode({ layers, hyper, inputShape, base, classes }: KerasInput): string {
  const optimizer = optimizerCode(hyper);
  const modules = ['layers', 'models', ...(optimizer.needsModule ? ['optimizers'] : [])];
  const lines = [`from tensorflow.keras import ${modules.join(', ')}`, ''];
  if (!classes) {
    lines.splice(1, 0, 'from tensorflow.keras.datasets import mnist');
    lines.push(
      '(train_images, train_labels), (test_images, test_labels) = mnist.load_data()',
      `train_images = train_images.reshape((-1, ${inputShape.join(', ')})) / 255.0`,
      '',
    );
  } else {
    lines.push(
      '# Your examples, one folder per class (the flow_from_directory layout):',
      `# ${classes.map((c) => `data/${c}/`).join(', ')}`,
      inputShape[2] === 1 && inputShape[0] === 28 && inputShape[1] === 28
        ? '# The page turned each image into 28×28 grey pixels in 0..1.'
        : `# The page resized each image to the base's input, ${inputShape[0]}×${inputShape[1]} ${inputShape[2] === 1 ? 'grey' : 'RGB'} (target_size=(${inputShape[0]}, ${inputShape[1]})).`,
      '',
    );
  }
  if (base) lines.push(...baseLines(base, inputShape), '');
  const stack = base
    ? ['base', ...layers.map((l) => kerasLayer(l))]
    : layers.map((l, i) => kerasLayer(l, i === 0 ? inputShape : undefined));
  lines.push('model = models.Sequential([', ...list(stack), '])', '');
  lines.push(
    `model.compile(optimizer=${optimizer.code},`,
    `${INDENT}${INDENT}${INDENT}  loss='sparse_categorical_crossentropy',`,
    `${INDENT}${INDENT}${INDENT}  metrics=['accuracy'])`,
    '',
  );
  const fit = [`epochs=${hyper.epochs}`, `batch_size=${hyper.batchSize}`];
  if (hyper.validationSplit > 0) fit.push(`validation_split=${num(hyper.validationSplit)}`);
  lines.push(`model.fit(train_images, train_labels, ${fit.join(', ')})`);
  return `${lines.join('\n')}\n`;
}
