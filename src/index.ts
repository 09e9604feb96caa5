/**
 * cnn-elements: defines all five elements and exports their classes and the core helpers.
 */
export { ConvFilterPlayground } from './elements/conv-filter-playground/define.js';
export { PoolingStepper } from './elements/pooling-stepper/define.js';
export { CnnTrainer } from './elements/cnn-trainer/define.js';
export type {
  TrainerEpochDetail,
  TrainerBatchDetail,
  TrainEndDetail,
  TrainerModelChangeDetail,
  ModelChangeReason,
} from './elements/cnn-trainer/cnn-trainer.js';
export type { LayerSpec, PresetName as TrainerPresetName, OptimizerName, SummaryRow } from './core/model-spec.js';
export { PretrainedClassifier } from './elements/pretrained-classifier/define.js';
export { FilterGrid } from './elements/filter-grid/define.js';
export { CnnElement, type ElementState } from './elements/cnn-element.js';
export type { CnnErrorDetail } from './elements/events.js';
export { setAssetBase, assetBase, assetUrl, setTrainingWorkerUrl, setWasmPaths, setBackendPreference } from './config.js';
export { ensureBackend, currentBackend, type BackendName, type BackendReport, type AdapterInfo } from './core/backend.js';
export type { Prediction, PredictionDetail, ModelChangeDetail } from './elements/pretrained-classifier/pretrained-classifier.js';
export { CnnDrawPad, defineDrawPad, type PadPoint, type PadStroke, type DrawPadDetail } from './vis/draw-pad.js';
export { preprocessDigit, type DigitImage } from './core/digit-preprocess.js';
export { pixelsToInput, presetTransform, type PresetName } from './core/preprocess.js';
export { loadModel, type LoadedModel } from './core/model-loader.js';
