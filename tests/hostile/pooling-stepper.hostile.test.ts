import { html } from 'lit';
import '../../src/elements/pooling-stepper/define.js';
import '../../src/elements/conv-filter-playground/define.js';
import type { PoolingStepper } from '../../src/elements/pooling-stepper/pooling-stepper.js';
import { removeAndReAdd, runHostileTable, type HostileCase } from './harness.js';
import { attr, linkCases, removalCases, srcCases, type Removal } from './shared-cases.js';

const GOOD = [
  [1, 2],
  [3, 4],
];
const square = (n: number) => Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => r + c));

type S = PoolingStepper;
/** A working element: the table's markup, and the link cases' after a neighbour. */
const markup = () => html`<pooling-stepper backend="cpu" values=${JSON.stringify(GOOD)}></pooling-stepper>`;
const prop =
  <K extends keyof S>(key: K, value: unknown) =>
  (el: S) =>
    ((el as unknown as Record<string, unknown>)[key as string] = value);

/** Each attribute removed after a bad value was set: the documented default is back, with no error. */
const removals: Removal<S>[] = [
  ['values', '[[9, 8], [7, 6]]', (el) => el.values === undefined],
  ['pool-size', '1', (el) => el.poolSize === 2],
  ['mode', 'min', (el) => el.mode === 'max'],
  ['stride', '1', (el) => el.stride === undefined],
  ['padding', 'same', (el) => el.padding === 'valid'],
  ['rows', '3', (el) => el.rows === 6],
  ['cols', '3', (el) => el.cols === 6],
  ['seed', '7', (el) => el.seed === 1],
  ['speed', '250', (el) => el.speed === 700],
  [
    'step',
    '1',
    (el) => el.step === 0,
    html`<pooling-stepper backend="cpu" values=${JSON.stringify(square(4))}></pooling-stepper>`,
  ],
  ['autoplay', '', (el) => el.autoplay === false],
  ['src', '', (el) => el.src === undefined],
];

const cases: HostileCase<S>[] = [
  // values
  { name: 'values that are not JSON', attack: attr('values', '[[1, 2'), says: /values is not valid JSON/ },
  { name: 'values that are an empty list', attack: attr('values', '[]'), says: /values must be a 2-D array/ },
  { name: 'values with an empty row', attack: attr('values', '[[]]'), says: /empty first row/ },
  { name: 'ragged values', attack: attr('values', '[[1, 2], [3]]'), says: /ragged/ },
  {
    name: 'values with a string',
    attack: attr('values', '[[1, "x"], [3, 4]]'),
    says: /values\[0\]\[1\] is "x"/,
  },
  { name: 'values that are an object', attack: attr('values', '{"a": 1}'), says: /2-D array/ },
  { name: 'values "__proto__"', attack: attr('values', '__proto__'), says: /not valid JSON/ },
  {
    name: 'values with NaN (property)',
    attack: prop('values', [
      [NaN, 1],
      [2, 3],
    ]),
    says: /values\[0\]\[0\] is NaN/,
  },
  {
    name: 'values with Infinity (property)',
    attack: prop('values', [
      [1, Infinity],
      [2, 3],
    ]),
    says: /is Infinity/,
  },
  {
    name: 'values with 1e400 (JSON overflow)',
    attack: attr('values', '[[1e400, 1], [2, 3]]'),
    says: /is Infinity/,
  },
  { name: 'values with null', attack: attr('values', '[[null, 1], [2, 3]]'), says: /is null/ },
  {
    name: 'a 1000×1000 values map',
    attack: prop('values', square(1000)),
    says: /1000×1000 map; the stepper shows at most 32×32/,
  },
  { name: 'a 33×33 values map', attack: prop('values', square(33)), says: /at most 32×32/ },
  {
    name: 'a 1×5000 values map',
    attack: prop('values', [Array.from({ length: 5000 }, (_, i) => i)]),
    says: /1×5000/,
  },
  { name: 'values as a number', attack: prop('values', 42), says: /2-D array/ },
  // pool-size, stride
  { name: 'pool-size 0', attack: attr('pool-size', '0'), says: /pool-size "0" is not allowed/ },
  {
    name: 'pool-size 6',
    attack: attr('pool-size', '6'),
    says: /pool-size "6" is not allowed: use a whole number from 1 to 5/,
  },
  { name: 'pool-size -1', attack: attr('pool-size', '-1'), says: /pool-size "-1"/ },
  { name: 'pool-size abc', attack: attr('pool-size', 'abc'), says: /pool-size "abc"/ },
  { name: 'pool-size 1.5', attack: attr('pool-size', '1.5'), says: /pool-size "1.5"/ },
  { name: 'pool-size 2x9', attack: attr('pool-size', '2x9'), says: /pool-size "2x9"/ },
  { name: 'pool-size NaN (property)', attack: prop('poolSize', NaN), says: /pool-size "NaN"/ },
  { name: 'pool-size Infinity (property)', attack: prop('poolSize', Infinity), says: /pool-size "Infinity"/ },
  { name: 'pool-size bigger than the map', attack: attr('pool-size', '3'), says: /does not fit a 2×2 map/ },
  { name: 'stride 0', attack: attr('stride', '0'), says: /stride "0" is not allowed/ },
  { name: 'stride 9', attack: attr('stride', '9'), says: /stride "9"/ },
  { name: 'stride abc', attack: attr('stride', 'abc'), says: /stride "abc"/ },
  // enumerations
  {
    name: 'mode median',
    attack: attr('mode', 'median'),
    says: /mode "median" is unknown: use max, avg, min/,
  },
  { name: 'mode empty', attack: attr('mode', ''), says: /mode "" is unknown/ },
  { name: 'mode __proto__', attack: attr('mode', '__proto__'), says: /mode "__proto__" is unknown/ },
  { name: 'padding full', attack: attr('padding', 'full'), says: /padding "full"/ },
  // the random map
  {
    name: 'rows 0 (no values)',
    markup: html`<pooling-stepper></pooling-stepper>`,
    attack: attr('rows', '0'),
    says: /rows must be a whole number from 1 to 16/,
  },
  {
    name: 'rows 17',
    markup: html`<pooling-stepper></pooling-stepper>`,
    attack: attr('rows', '17'),
    says: /rows must be/,
  },
  {
    name: 'cols abc',
    markup: html`<pooling-stepper></pooling-stepper>`,
    attack: attr('cols', 'abc'),
    says: /cols must be/,
  },
  {
    name: 'cols 1e9',
    markup: html`<pooling-stepper></pooling-stepper>`,
    attack: attr('cols', '1e9'),
    says: /cols must be/,
  },
  {
    name: 'seed abc',
    markup: html`<pooling-stepper></pooling-stepper>`,
    attack: attr('seed', 'abc'),
    says: /seed "NaN" is not a whole number/,
  },
  {
    name: 'seed 1.5',
    markup: html`<pooling-stepper></pooling-stepper>`,
    attack: attr('seed', '1.5'),
    says: /seed "1.5"/,
  },
  {
    name: 'seed Infinity',
    markup: html`<pooling-stepper></pooling-stepper>`,
    attack: prop('seed', Infinity),
    says: /seed "Infinity"/,
  },
  // playback
  { name: 'speed 0', attack: attr('speed', '0'), says: /speed "0" is out of range/ },
  { name: 'speed -5', attack: attr('speed', '-5'), says: /speed "-5"/ },
  { name: 'speed abc', attack: attr('speed', 'abc'), says: /speed "NaN"/ },
  { name: 'speed 1e9', attack: attr('speed', '1e9'), says: /speed "1000000000"/ },
  {
    name: 'step -1',
    attack: attr('step', '-1'),
    says: /step "-1" is not a window of this map: use a whole number from 0 to 0/,
  },
  { name: 'step 999', attack: attr('step', '999'), says: /step "999"/ },
  { name: 'step abc', attack: attr('step', 'abc'), says: /step "NaN"/ },
  // images
  {
    name: 'src that is not found',
    attack: attr('src', '/no-such-image.png'),
    says: /Loading the image failed/,
  },
  ...srcCases<S>(),
  {
    name: 'src that is javascript:',
    attack: attr('src', 'javascript:alert(1)'),
    says: /Loading the image failed/,
  },
  // links
  ...linkCases<S>('pooling-stepper', markup),
  {
    name: 'for naming a playground whose map overflowed to NaN',
    markup: html`<div>
      <conv-filter-playground id="nanpg" backend="cpu" max-size="12" kernel="[[1e308,-1e308],[1e39,0]]" normalize="false"></conv-filter-playground>
      <pooling-stepper values=${JSON.stringify(GOOD)}></pooling-stepper>
    </div>`,
    attack: attr('for', 'nanpg'),
    says: /#nanpg/,
  },
  // lifetimes
  {
    name: 'removed mid-work and added back',
    attack: (el) => ((el.values = square(32)), removeAndReAdd(el)),
    says: 'quiet',
  },
  {
    name: 'removed twice mid-work and added back',
    attack: (el) => ((el.mode = 'avg'), removeAndReAdd(el), (el.mode = 'min'), removeAndReAdd(el)),
    says: 'quiet',
  },
  ...removalCases(removals),
];

runHostileTable<S>({
  tag: 'pooling-stepper',
  markup,
  fix: (el) => {
    Object.assign(el, {
      values: GOOD,
      poolSize: 2,
      mode: 'max',
      padding: 'valid',
      stride: undefined,
      for: undefined,
      src: undefined,
    });
    Object.assign(el, { speed: 700, seed: 1, rows: 6, cols: 6, step: 0 });
  },
  works: async (el) => {
    const out = await el.getOutput();
    const shown = el.shadowRoot!.querySelector('[part="output"]')?.textContent?.trim();
    return out.values.length === 1 && out.values[0] === 4 && shown === '4';
  },
  cases,
});
