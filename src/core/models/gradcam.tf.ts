/**
 * Grad-CAM (Selvaraju et al., 2017): which parts of the image made a model pick a class.
 * Take the last convolutional feature maps A_k (still spatial), ask how much the class score
 * changes with each of them (the gradient), average that over the map to get one weight per
 * channel, and add the maps up with those weights: cam = relu(Σ_k w_k · A_k). Bright where
 * the evidence for the class is.
 *
 * Works on LayersModels whose layers after the chosen feature map form a single chain
 * (conv → pool → dense, as in most classifiers' heads). The score used is the class's logit
 * when the last layer is a softmax Dense layer: the softmax output saturates near 1 and its
 * gradient vanishes, which would blank the map for confident predictions.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { graphOf } from './model-graph.js';

export interface ClassActivationMap {
  /** Row-major, height × width, normalised to 0..1 (all zeros when nothing supports the class). */
  values: Float32Array;
  height: number;
  width: number;
  /** The layer whose feature maps were weighted. */
  layer: string;
}

interface CamPlan {
  /** The model cut at the feature-map layer: image → A. Shares the model's weights. */
  features: tfl.LayersModel;
  /** The layers from A to the output, in order. */
  head: tfl.layers.Layer[];
  layer: string;
}

const plans = new WeakMap<tfl.LayersModel, CamPlan | null>();

function shapeOf(layer: tfl.layers.Layer): (number | null)[] {
  const shape = layer.outputShape;
  return (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
}

/** The feature-map layer and the chain after it, or null when the model has none. */
function planFor(model: tfl.LayersModel): CamPlan | null {
  if (plans.has(model)) return plans.get(model)!;
  const layers = model.layers;
  // Read in this model's own graph: a transfer model's head layers also belong to the head's own model.
  const graph = graphOf(model);
  let plan: CamPlan | null = null;
  for (let i = layers.length - 2; i >= 0 && !plan; i--) {
    const shape = shapeOf(layers[i]);
    const spatial = shape.length === 4 && (shape[1] ?? 0) * (shape[2] ?? 0) > 1;
    if (!spatial) continue;
    const head = layers.slice(i + 1);
    const chain = head.every((layer, j) => {
      const inbound = graph.get(layer)?.inputs.map((t) => t.sourceLayer) ?? [];
      return inbound.length === 1 && inbound[0] === (j === 0 ? layers[i] : head[j - 1]);
    });
    const features = graph.get(layers[i])?.outputs;
    if (!chain || features?.length !== 1) break;
    plan = {
      features: tfl.model({ inputs: model.inputs, outputs: features[0] }),
      head,
      layer: layers[i].name,
    };
  }
  plans.set(model, plan);
  return plan;
}

/** Whether `gradCam` can explain this model. */
export function canExplain(model: unknown): model is tfl.LayersModel {
  return model instanceof tfl.LayersModel && planFor(model) !== null;
}

/** The class score as a function of the feature maps: the logit where the last layer is a softmax Dense. */
function scoreFrom(plan: CamPlan, classIndex: number): (a: tf.Tensor) => tf.Scalar {
  return (a) => {
    let y = a;
    plan.head.forEach((layer, j) => {
      const last = j === plan.head.length - 1;
      const config = layer.getConfig();
      if (last && layer.getClassName() === 'Dense' && config.activation === 'softmax') {
        const [kernel, bias] = layer.getWeights();
        y = bias
          ? tf.add(tf.matMul(y as tf.Tensor2D, kernel as tf.Tensor2D), bias)
          : tf.matMul(y as tf.Tensor2D, kernel as tf.Tensor2D);
      } else if (!(last && layer.getClassName() === 'Activation' && config.activation === 'softmax')) {
        y = layer.apply(y, { training: false }) as tf.Tensor;
      }
    });
    return tf.sum(tf.slice(tf.reshape(y, [1, -1]), [0, classIndex], [1, 1])) as tf.Scalar;
  };
}

/** The class-activation map of `classIndex` for input `x` ([1, h, w, c], already preprocessed). */
export async function gradCam(
  model: tfl.LayersModel,
  x: tf.Tensor4D,
  classIndex: number,
): Promise<ClassActivationMap> {
  const plan = planFor(model);
  if (!plan)
    throw new Error(
      'This model has no convolutional feature maps followed by a simple head, so Grad-CAM cannot explain it.',
    );
  const cam = tf.tidy(() => {
    const a = plan.features.predict(x) as tf.Tensor4D;
    const grads = tf.grad(scoreFrom(plan, classIndex))(a) as tf.Tensor4D;
    const weights = tf.mean(grads, [1, 2], true);
    const map = tf.squeeze(tf.relu(tf.sum(tf.mul(a, weights), 3)), [0]) as tf.Tensor2D;
    const peak = tf.max(map);
    return tf.div(map, tf.maximum(peak, 1e-12)) as tf.Tensor2D;
  });
  try {
    const [height, width] = cam.shape;
    return { values: (await cam.data()) as Float32Array, height, width, layer: plan.layer };
  } finally {
    cam.dispose();
  }
}
