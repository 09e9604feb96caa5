/**
 * Each layer's input and output in one model's own graph. A layer applied in more than one
 * model has one node per application, and then its `input` and `output` throw ("multiple
 * inbound nodes"): a transfer model's head is built as a model of its own, then applied to
 * the base's features. Walking back from the model's outputs finds the node this model
 * holds. Types only from tfjs-layers: nothing is loaded here.
 */
import type * as tfl from '@tensorflow/tfjs-layers';

export interface LayerInGraph {
  /** What the layer gives in this model: one tensor, or several for a layer with more than one output. */
  outputs: tfl.SymbolicTensor[];
  /** What the layer reads in this model: one tensor, or several for a merge layer. */
  inputs: tfl.SymbolicTensor[];
}

/** Never disposed: it holds only symbolic tensors of the model's own graph. */
const graphs = new WeakMap<tfl.LayersModel, Map<tfl.layers.Layer, LayerInGraph>>();

/** Every layer the model's outputs depend on, with its input and output in this model. */
export function graphOf(model: tfl.LayersModel): Map<tfl.layers.Layer, LayerInGraph> {
  let graph = graphs.get(model);
  if (!graph) {
    graph = new Map();
    const stack = [...model.outputs];
    while (stack.length) {
      const t = stack.pop()!;
      const layer = t.sourceLayer as tfl.layers.Layer;
      if (graph.has(layer)) continue;
      const node = layer.inboundNodes[t.nodeIndex];
      const inputs = node?.inputTensors ?? [];
      graph.set(layer, { outputs: node?.outputTensors ?? [t], inputs });
      stack.push(...inputs);
    }
    graphs.set(model, graph);
  }
  return graph;
}
