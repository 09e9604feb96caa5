/**
 * cnn-elements: defines all five elements and exports their classes and the core helpers.
 */
export { ConvFilterPlayground } from './elements/conv-filter-playground/define.js';
export type {
  ConvFilterPlaygroundEventMap,
  ConvOutputDetail,
  KernelChangeDetail,
  PixelChangeDetail,
} from './elements/conv-filter-playground/conv-filter-playground.js';
export { PoolingStepper } from './elements/pooling-stepper/define.js';
export type {
  PoolingStepperEventMap,
  PoolStepDetail,
  PoolCompleteDetail,
} from './elements/pooling-stepper/pooling-stepper.js';
export { CnnTrainer } from './elements/cnn-trainer/define.js';
export type {
  CnnTrainerEventMap,
  TrainerEpochDetail,
  TrainerBatchDetail,
  TrainEndDetail,
  TrainerModelChangeDetail,
  DatasetChangeDetail,
} from './elements/cnn-trainer/cnn-trainer.js';
export type {
  LayerSpec,
  PresetName as TrainerPresetName,
  OptimizerName,
  SummaryRow,
} from './core/models/model-spec.js';
export { PretrainedClassifier } from './elements/pretrained-classifier/define.js';
export { FilterGrid } from './elements/filter-grid/define.js';
export type {
  FilterGridEventMap,
  FilterSnapshotDetail,
  NetworkUpdateDetail,
} from './elements/filter-grid/filter-grid.js';
export type {
  FilterSelectDetail,
  ModelSource,
  ModelChangeDetail,
  ModelChangeReason,
} from './elements/contracts.js';
export { CnnElement, type ElementState } from './elements/cnn-element.js';
export type { CnnErrorDetail } from './elements/events.js';
export {
  setAssetBase,
  assetBase,
  assetUrl,
  setTrainingWorkerUrl,
  setWasmPaths,
  setBackendPreference,
} from './config.js';
export {
  ensureBackend,
  currentBackend,
  type BackendName,
  type BackendReport,
  type AdapterInfo,
} from './core/runtime/backend.tf.js';
export type {
  PretrainedClassifierEventMap,
  Prediction,
  PredictionDetail,
} from './elements/pretrained-classifier/pretrained-classifier.js';
export {
  CnnDrawPad,
  defineDrawPad,
  type PadPoint,
  type PadStroke,
  type DrawPadDetail,
  type DrawPadEventMap,
} from './vis/draw-pad.js';
export type { EventsOf } from './elements/typed-events.js';
export { preprocessDigit, type DigitImage } from './core/images/digit-preprocess.js';
export { pixelsToInput, presetTransform, type PresetName } from './core/images/preprocess.tf.js';
export { loadModel, type LoadedModel } from './core/models/model-loader.tf.js';
