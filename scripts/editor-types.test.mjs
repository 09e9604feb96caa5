// Runs scripts/editor-types.mjs on the real custom-elements.json and checks what it
// writes: VS Code custom data entries, and that the React and Vue typings type-check
// with tsc against @types/react and vue (right uses pass, wrong ones are errors).
//
//   node --test scripts/editor-types.test.mjs      (npm run test:editor-types)
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEditorFiles } from './editor-types.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Inside the repository, so that tsc finds react, vue and lit in node_modules.
const WORK = join(ROOT, '.cache', 'editor-types-test');
const OUT = join(WORK, 'out');
const ELEMENTS = [
  'cnn-trainer',
  'conv-filter-playground',
  'filter-grid',
  'pooling-stepper',
  'pretrained-classifier',
];

rmSync(WORK, { recursive: true, force: true });
// What failed is in the assertion messages (tsc's output included): nothing to keep.
after(() => rmSync(WORK, { recursive: true, force: true }));
writeEditorFiles({ outDir: OUT });
const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
const data = JSON.parse(readFileSync(join(OUT, 'vscode.html-custom-data.json'), 'utf8'));
const tagData = (name) => data.tags.find((t) => t.name === name);
const attr = (tag, name) => tagData(tag)?.attributes.find((a) => a.name === name);

test('custom data lists the five elements with their summaries', () => {
  assert.equal(data.version, 1.1);
  assert.deepEqual(data.tags.map((t) => t.name).sort(), ELEMENTS);
  assert.match(tagData('pooling-stepper').description.value, /^Step a max, average or min pooling window/);
  assert.match(
    tagData('pooling-stepper').description.value,
    /\*\*Events:\*\* `step`, `complete`, `cnn-error`/,
  );
});

test('custom data has every attribute of the manifest, described', () => {
  for (const d of manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => ELEMENTS.includes(d.tagName))) {
    const names = tagData(d.tagName).attributes.map((a) => a.name);
    assert.deepEqual(
      names,
      d.attributes.map((a) => a.name),
      d.tagName,
    );
  }
  assert.match(attr('pooling-stepper', 'pool-size').description, /^Window size/);
  assert.match(attr('conv-filter-playground', 'max-size').description, /Default: `512`\./);
});

test('string-literal unions become value lists, booleans valueless attributes', () => {
  const values = (tag, name) =>
    attr(tag, name)
      .values?.map((v) => v.name)
      .sort();
  assert.deepEqual(values('pooling-stepper', 'mode'), ['avg', 'max', 'min']);
  assert.deepEqual(values('pooling-stepper', 'padding'), ['same', 'valid']);
  assert.deepEqual(values('conv-filter-playground', 'activation'), ['none', 'relu', 'sigmoid', 'tanh']);
  assert.deepEqual(values('conv-filter-playground', 'channels'), ['gray', 'rgb', 'sum']);
  assert.deepEqual(values('filter-grid', 'state'), ['busy', 'error', 'loading', 'ready']);
  assert.equal(attr('pooling-stepper', 'autoplay').valueSet, 'v');
  assert.equal(
    attr('pooling-stepper', 'pool-size').values,
    undefined,
    'pool-size takes any size, not a list',
  );
  assert.equal(attr('conv-filter-playground', 'kernel').values, undefined);
});

test('the JSX and Vue typings type-check against @types/react and vue', () => {
  // The typings import the element classes from ./index.js beside them, as in dist/types/.
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'tsc'),
    ['-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(OUT, 'types')],
    {
      stdio: 'pipe',
    },
  );
  mkdirSync(join(WORK, 'check'), { recursive: true });
  writeFileSync(join(WORK, 'check', 'react.tsx'), REACT_FIXTURE);
  writeFileSync(join(WORK, 'check', 'vue.ts'), VUE_FIXTURE);
  writeFileSync(
    join(WORK, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: ['@webgpu/types'],
        typeRoots: [join(ROOT, 'node_modules', '@types'), join(ROOT, 'node_modules')],
      },
      files: ['check/react.tsx', 'check/vue.ts'],
    }),
  );
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(WORK, 'tsconfig.json')], {
      stdio: 'pipe',
    });
  } catch (e) {
    assert.fail(`tsc found errors in the typings or the fixtures:\n${e.stdout}${e.stderr}`);
  }
});

// Right uses must compile; each `@ts-expect-error` line must be an error, or tsc
// reports the unused directive.
const REACT_FIXTURE = `import type {} from '../out/types/jsx.js';

export const ok = (
  <>
    <pooling-stepper mode="avg" pool-size="2" values={[[1, 2], [3, 4]]} backend="cpu" autoplay
      onstep={(e) => console.log(e.detail)} ref={(el) => el?.next()} className="wide" />
    <pooling-stepper values="[[1, 2], [3, 4]]" poolSize={3} />
    <conv-filter-playground kernel={[[0, 1], [1, 0]]} max-size="32" channels="rgb"
      onkernel-change={(e) => console.log(e.detail.kernel.length)} onoutput={(e) => console.log(e.detail.shape)} />
    <conv-filter-playground kernel="edge" />
    <cnn-trainer preset="basic" epochs={2} batch-size={32} onepoch-end={(e) => console.log(e.detail)} />
    <filter-grid for="trainer1" view="activations" onfilter-select={(e) => console.log(e.detail.kernel)} />
    <pretrained-classifier top-k="3" explain oncnn-error={(e) => console.log(e.detail.message)} />
  </>
);

// @ts-expect-error 'median' is not a pooling mode
export const badMode = <pooling-stepper mode="median" />;
// @ts-expect-error values is a number[][] or its JSON, not a number
export const badValues = <pooling-stepper values={3} />;
// @ts-expect-error max-size is a number
export const badSize = <conv-filter-playground max-size="large" />;
// @ts-expect-error the kernel-change detail has no 'weights'
export const badDetail = <conv-filter-playground onkernel-change={(e) => e.detail.weights} />;
`;

const VUE_FIXTURE = `import type { GlobalComponents } from 'vue';
import type {} from '../out/types/vue.js';
import type { ConvFilterPlaygroundEventMap } from '../out/types/index.js';

type Props<T extends keyof GlobalComponents> = InstanceType<GlobalComponents[T]>['$props'];
type Emit<T extends keyof GlobalComponents> = InstanceType<GlobalComponents[T]>['$emit'];

export const stepper: Props<'pooling-stepper'> = { mode: 'avg', poolSize: '2', values: [[1, 2], [3, 4]], rows: '6', autoplay: true };
export const playground: Props<'conv-filter-playground'> = { kernel: [[1]], maxSize: '32', padding: 'same' };
export function listen(emit: Emit<'conv-filter-playground'>, event: ConvFilterPlaygroundEventMap['kernel-change']) {
  emit('kernel-change', event);
}

// @ts-expect-error 'median' is not a pooling mode
export const badMode: Props<'pooling-stepper'> = { mode: 'median' };
// @ts-expect-error rows is a number
export const badRows: Props<'pooling-stepper'> = { rows: 'six' };
export function badEvent(emit: Emit<'pooling-stepper'>, event: CustomEvent) {
  // @ts-expect-error the stepper fires no 'kernel-change'
  emit('kernel-change', event);
}
`;
