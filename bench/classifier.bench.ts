/**
 * <pretrained-classifier> rows: cold start (element connected → first prediction) with the
 * shipped digit model, per-image latency through the element against bare `model.predict`
 * + `data()` on the same input, and the tensor count over 200 predictions.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '../src/elements/pretrained-classifier/define';
import type { PretrainedClassifier } from '../src/elements/pretrained-classifier/pretrained-classifier';
import { assetUrl, setAssetBase } from '../src/core/runtime/assets';
import { preprocessDigit } from '../src/core/images/digit-preprocess';
import { defineBenchmark, noiseImage, settle, type Benchmark } from './benchmark';

/** The bench bundle lives in .bench-build/: tell the elements where assets/ is served. */
function useRepoAssets(): void {
  setAssetBase(new URL('/assets/', location.href));
}

function digitModelUrl(): string {
  useRepoAssets();
  return assetUrl('models/digits/model.json');
}

const MOBILENET_FIXTURE = '/tests/fixtures/models/mobilenet-like/model.json';

/** A digit-like picture: a thick white "1" on black, 280×280 as the pad makes it. */
function drawnDigit(): ImageData {
  const canvas = new OffscreenCanvas(280, 280);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, 280, 280);
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 20;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(150, 50);
  ctx.lineTo(130, 230);
  ctx.stroke();
  return ctx.getImageData(0, 0, 280, 280);
}

/** A seeded RGB photo stand-in. */
const noise = (side: number): ImageData => noiseImage(side, 99);

async function mount(attrs: Record<string, string>): Promise<PretrainedClassifier> {
  const el = document.createElement('pretrained-classifier');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await el.ready;
  return el;
}

/** Lets a removed element's release (a microtask, then its queue) run before the leak check. */
async function unmount(el: HTMLElement): Promise<void> {
  el.remove();
  await new Promise((r) => setTimeout(r, 50));
}

interface ColdCtx {
  url: string;
  image: ImageData;
}

interface LatencyCtx {
  el: PretrainedClassifier;
  image: ImageData;
  /** The bare path's input: the same prepared tensor the element builds. */
  prepare: () => tf.Tensor4D;
  model: tfl.LayersModel;
}

function latencyRow(
  name: string,
  attrs: () => Record<string, string>,
  image: () => ImageData,
  prepare: (img: ImageData) => tf.Tensor4D,
  repeat = 1,
) {
  return defineBenchmark<LatencyCtx>({
    name,
    backends: ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'],
    repeat,
    async setup() {
      useRepoAssets();
      const el = await mount(attrs());
      const img = image();
      return { el, image: img, prepare: () => prepare(img), model: el.model as tfl.LayersModel };
    },
    async run({ el, image: img }) {
      await el.classify(img);
    },
    async baseline({ model, prepare }) {
      const x = prepare();
      await settle(model.predict(x) as tf.Tensor);
      x.dispose();
    },
    teardown: ({ el }) => unmount(el),
  });
}

export const classifierBenchmarks: Benchmark[] = [
  defineBenchmark<ColdCtx>({
    name: 'classifier cold start: connected → first prediction, shipped digit model (vs load + predict)',
    backends: ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'],
    setup: () => ({ url: digitModelUrl(), image: drawnDigit() }),
    async run({ image }) {
      const el = await mount({});
      await el.classify(image);
      // Removed untimed-ish: its release runs after this returns; teardown waits for it.
      el.remove();
    },
    async baseline({ url, image }) {
      const model = await tfl.loadLayersModel(url);
      const digit = preprocessDigit(image).pixels;
      const x = tf.tensor4d(digit, [1, 28, 28, 1]);
      await settle(model.predict(x) as tf.Tensor);
      x.dispose();
      model.dispose();
    },
    teardown: () => new Promise((r) => setTimeout(r, 100)),
  }),
  latencyRow(
    'classifier per image: drawn digit 280×280 → shipped model (vs digit prep + predict + data)',
    () => {
      digitModelUrl();
      return {};
    },
    drawnDigit,
    (img) => tf.tensor4d(preprocessDigit(img).pixels, [1, 28, 28, 1]),
    // About a millisecond on wasm and cpu: ten per timed run, past the clock's 0.1 ms steps.
    10,
  ),
  latencyRow(
    'classifier per image: 256×256 RGB → MobileNet-shaped 224×224 fixture (vs resize + predict + data)',
    () => ({ 'model-url': MOBILENET_FIXTURE, preprocess: 'mobilenet' }),
    () => noise(256),
    (img) =>
      tf.tidy(() => {
        const rgb = tf.slice(tf.tensor3d(Float32Array.from(img.data), [256, 256, 4]), [0, 0, 0], [-1, -1, 3]);
        const x = tf.sub(
          tf.div(tf.image.resizeBilinear(rgb as tf.Tensor3D, [224, 224], false, true), 127.5),
          1,
        );
        return tf.expandDims(x, 0) as tf.Tensor4D;
      }),
  ),
  defineBenchmark<LatencyCtx>({
    name: 'classifier 200 predictions, shipped digit model: tensor count unchanged (vs 200 bare predicts)',
    // Not on WebGPU: on a software adapter 200 predictions × (warm-up + runs) × 2 paths outlast the page's time limit.
    backends: ['webgl', 'wasm', 'cpu', 'auto'],
    async setup() {
      digitModelUrl();
      const el = await mount({});
      const img = drawnDigit();
      // The steady state: the first look (a shipped sample, classified at load) holds tensors
      // of its own until the first classification replaces it.
      await el.classify(img);
      return {
        el,
        image: img,
        prepare: () => tf.tensor4d(preprocessDigit(img).pixels, [1, 28, 28, 1]),
        model: el.model as tfl.LayersModel,
      };
    },
    async run({ el, image }) {
      const before = tf.memory().numTensors;
      for (let i = 0; i < 200; i++) await el.classify(image);
      const after = tf.memory().numTensors;
      if (after !== before)
        throw new Error(`numTensors went from ${before} to ${after} over 200 predictions`);
    },
    async baseline({ model, prepare }) {
      for (let i = 0; i < 200; i++) {
        const x = prepare();
        await settle(model.predict(x) as tf.Tensor);
        x.dispose();
      }
    },
    teardown: ({ el }) => unmount(el),
  }),
];
