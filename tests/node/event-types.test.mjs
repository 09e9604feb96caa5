// Each element's events are typed on that element, not on every HTMLElement: tsc checks a
// small fixture where right uses compile and wrong ones are `@ts-expect-error` lines (an
// expected error that does not happen fails the compile too).
//
//   node --test tests/node/event-types.test.mjs
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository, so that tsc finds lit and the DOM types in node_modules.
const WORK = join(ROOT, '.cache', 'event-types-test');
after(() => rmSync(WORK, { recursive: true, force: true }));

const FIXTURE = `
import type {
  CnnDrawPad, CnnTrainer, ConvFilterPlayground, FilterGrid, PoolingStepper, PretrainedClassifier,
  PoolStepDetail, PoolCompleteDetail, ConvOutputDetail, KernelChangeDetail, PixelChangeDetail, TrainerEpochDetail,
  TrainerBatchDetail, TrainEndDetail, TrainerModelChangeDetail, DatasetChangeDetail, PredictionDetail,
  ModelChangeDetail, FilterSelectDetail, FilterSnapshotDetail, NetworkUpdateDetail, DrawPadDetail,
  CnnErrorDetail,
} from '../../src/index.js';

declare const stepper: PoolingStepper;
declare const playground: ConvFilterPlayground;
declare const trainer: CnnTrainer;
declare const classifier: PretrainedClassifier;
declare const grid: FilterGrid;
declare const pad: CnnDrawPad;
declare const plain: HTMLElement;

const use = <T>(value: T): T => value;

stepper.addEventListener('step', (e) => use<PoolStepDetail>(e.detail).row);
stepper.addEventListener('complete', (e) => use<PoolCompleteDetail>(e.detail).steps);
playground.addEventListener('output', (e) => use<ConvOutputDetail>(e.detail).ms);
playground.addEventListener('kernel-change', (e) => use<KernelChangeDetail>(e.detail).kernel);
playground.addEventListener('pixel-change', (e) => use<PixelChangeDetail>(e.detail).values);
trainer.addEventListener('epoch-end', (e) => use<TrainerEpochDetail>(e.detail).testAccuracy);
trainer.addEventListener('batch-end', (e) => use<TrainerBatchDetail>(e.detail).loss);
trainer.addEventListener('train-end', (e) => use<TrainEndDetail>(e.detail).stopped);
trainer.addEventListener('model-change', (e) => use<TrainerModelChangeDetail>(e.detail).reason);
trainer.addEventListener('dataset-change', (e) => use<DatasetChangeDetail>(e.detail).classes);
classifier.addEventListener('prediction', (e) => use<PredictionDetail>(e.detail).top);
classifier.addEventListener('model-change', (e) => use<ModelChangeDetail>(e.detail).classes);
grid.addEventListener('filter-select', (e) => use<FilterSelectDetail>(e.detail).kernel);
grid.addEventListener('snapshot', (e) => use<FilterSnapshotDetail>(e.detail).epoch);
grid.addEventListener('network-update', (e) => use<NetworkUpdateDetail>(e.detail).probability);
pad.addEventListener('draw-change', (e) => use<DrawPadDetail>(e.detail).empty);
stepper.removeEventListener('step', (e) => e.detail.col);

// Every element still has the shared and the standard events.
grid.addEventListener('cnn-error', (e) => use<CnnErrorDetail>(e.detail).message);
stepper.addEventListener('keydown', (e) => e.key);
stepper.addEventListener('anything-else', (e) => e.type);

// cnn-error is the one global name: a listener on any element (a page's wrapper) is typed.
plain.addEventListener('cnn-error', (e) => e.detail.message);

// @ts-expect-error a plain element's step is a plain Event, with no detail
plain.addEventListener('step', (e) => e.detail);
// @ts-expect-error nor is output global
plain.addEventListener('output', (e) => e.detail);
// @ts-expect-error nor snapshot, complete, prediction or draw-change
plain.addEventListener('snapshot', (e) => e.detail);
// @ts-expect-error the stepper's step is not the trainer's epoch
stepper.addEventListener('step', (e) => e.detail.testAccuracy);
// @ts-expect-error nor network-update
plain.addEventListener('network-update', (e) => e.detail);
// @ts-expect-error the playground has no step event
playground.addEventListener('step', (e) => e.detail);
`;

test('element events are typed on their element and not on HTMLElement', () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  writeFileSync(join(WORK, 'fixture.ts'), FIXTURE);
  writeFileSync(
    join(WORK, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '../..' },
      include: ['fixture.ts'],
    }),
  );
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(WORK, 'tsconfig.json')], {
      stdio: 'pipe',
    });
  } catch (e) {
    assert.fail(`tsc rejected the fixture:\n${e.stdout}${e.stderr}`);
  }
});
