/**
 * The hostile-input harness: one table of cases per element, each run in a fresh element
 * on the cpu backend, each checking the four promises of the library:
 *
 * 1. the reader is told: the message is shown in the element's error box and `cnn-error`
 *    fires with it (or, for a removed attribute, the documented default comes back with
 *    no error at all);
 * 2. the element still works: a good input afterwards is computed and the error box clears;
 * 3. nothing is thrown at the page: no `error` or `unhandledrejection` on window;
 * 4. no tensor leaks: once the element is removed the tensor count is back to where it was.
 */
import { expect, fixture } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import type { TemplateResult } from 'lit';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import type { CnnElement } from '../../src/elements/cnn-element.js';
import type { CnnErrorDetail } from '../../src/elements/events.js';
import { expectTensorsBackTo, until } from '../helpers.js';

export interface HostileCase<E extends CnnElement> {
  /** What the hostile user does, in words (the test's name). */
  name: string;
  /** Markup of the element (and any neighbours) when the case needs other than the table's default. */
  markup?: TemplateResult;
  /** The bad input. May return a promise (a method call that should reject). */
  attack: (el: E, root: HTMLElement) => unknown;
  /**
   * The message expected both in the error box and in `cnn-error`; `'default'` for a
   * removed attribute (no error, `defaultOk` holds instead); `'quiet'` for what is no
   * error at all (removal and re-adding mid-work), where `defaultOk` may check the outcome.
   */
  says: RegExp | 'default' | 'quiet';
  /** For `'default'` and `'quiet'` cases: true once the element did the right thing. */
  defaultOk?: (el: E) => boolean;
  /** The good input afterwards; the table's `fix` when absent. */
  fix?: (el: E, root: HTMLElement) => unknown;
  /** True when the first markup is the attack (the element may never become ready by itself). */
  startsBroken?: boolean;
  /** True when the attack's promise must reject (a public method given bad input). */
  rejects?: boolean;
}

export interface HostileTable<E extends CnnElement> {
  tag: string;
  /** Markup of a working element, used by cases without their own. */
  markup: () => TemplateResult;
  /** A good input that makes the element compute again (default for every case). */
  fix: (el: E, root: HTMLElement) => unknown;
  /** True once the element shows the result of the good input. */
  works: (el: E) => boolean | Promise<boolean>;
  cases: HostileCase<E>[];
}

/** The text of the error box, '' when none is shown. */
export function shownError(el: HTMLElement): string {
  return el.shadowRoot?.querySelector('[part="error"]')?.textContent?.trim() ?? '';
}

/** Waits until the element is ready and not busy. */
export async function settled(el: CnnElement): Promise<void> {
  await el.ready;
  await until(() => el.state === 'ready', `<${el.localName}> to be ready`, 10000);
  await el.updateComplete;
}

/** Set true to print each case's time (console output appears after the file's run). */
const TIMING = true;

/** The tensor count once work left over from the previous case has landed (unchanged for 100 ms). */
async function steadyTensorCount(): Promise<number> {
  let count = tf.memory().numTensors;
  for (let still = 0; still < 5; ) {
    await new Promise((r) => setTimeout(r, 20));
    const now = tf.memory().numTensors;
    still = now === count ? still + 1 : 0;
    count = now;
  }
  return count;
}

/** Runs every case of a table as its own test. */
export function runHostileTable<E extends CnnElement>(table: HostileTable<E>): void {
  describe(`hostile input: <${table.tag}>`, function () {
    this.timeout(20000);
    const uncaught: string[] = [];
    const onError = (e: ErrorEvent) => uncaught.push(`error: ${e.message}`);
    const onRejection = (e: PromiseRejectionEvent) =>
      uncaught.push(`unhandledrejection: ${String(e.reason?.message ?? e.reason)}`);

    before(async function () {
      this.timeout(60000);
      await ensureBackend('cpu');
      // One element first, so that loading the code, the data and the model once is not charged to the first case.
      const warm = await fixture<HTMLElement>(table.markup());
      await settled((warm.localName === table.tag ? warm : warm.querySelector(table.tag)) as CnnElement);
      warm.remove();
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
    });
    after(() => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    });

    // A debugging aid: a file that sets globalThis.HOSTILE_RANGE = [from, to] before importing a table runs only those cases.
    const range = (globalThis as { HOSTILE_RANGE?: [number, number] }).HOSTILE_RANGE;
    for (const c of range ? table.cases.slice(...range) : table.cases) {
      it(c.name, async () => {
        const t0 = performance.now();
        uncaught.length = 0;
        const baseline = await steadyTensorCount();
        // Heard from before the element exists: some attacks are in its first markup.
        const heard: Array<[EventTarget | null, string]> = [];
        const hear = (e: Event) => heard.push([e.target, (e as CustomEvent<CnnErrorDetail>).detail.message]);
        document.addEventListener('cnn-error', hear);
        const root = await fixture<HTMLElement>(c.markup ?? table.markup());
        const el = (root.localName === table.tag ? root : root.querySelector(table.tag)) as E;
        const events = {
          some: (test: (m: string) => boolean) => heard.some(([target, m]) => target === el && test(m)),
          get list() {
            return heard.filter(([target]) => target === el).map(([, m]) => m);
          },
        };
        await (c.startsBroken ? el.updateComplete : settled(el));

        // 1. The attack, and what the reader is told.
        const outcome = Promise.resolve().then(() => c.attack(el, root));
        if (c.rejects) {
          const error = await outcome.then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error, 'the method should reject').to.be.instanceOf(Error);
        } else await outcome;
        if (c.says === 'default' || c.says === 'quiet') {
          await el.updateComplete;
          await until(() => (c.defaultOk ? c.defaultOk(el) : true), 'the default to be restored');
          expect(events.list, 'no cnn-error for a removed attribute').to.deep.equal([]);
          expect(shownError(el), 'no error shown for a removed attribute').to.equal('');
        } else {
          const says = c.says;
          await until(() => events.some((m) => says.test(m)), `cnn-error matching ${says}`, 10000);
          await until(() => says.test(shownError(el)), `the message ${says} to be shown`);
          // It stays: a redraw of the previous state must not hide it.
          await new Promise((r) => setTimeout(r, 60));
          expect(shownError(el), 'the message stays visible').to.match(says);
          if (!c.startsBroken) expect(el.state, 'a bad input is not fatal').to.not.equal('error');
        }

        // 2. Still works with a good input.
        await (c.fix ?? table.fix)(el, root);
        await until(() => el.state === 'ready', 'ready after the good input', 10000);
        const works = async () => (await table.works(el)) && shownError(el) === '';
        const end = performance.now() + 10000;
        while (!(await works())) {
          if (performance.now() > end)
            throw new Error(`still broken after a good input; shown: "${shownError(el)}"`);
          await new Promise((r) => setTimeout(r, 20));
        }

        // 3. Nothing thrown at the page; 4. no tensor left behind.
        root.remove();
        document.removeEventListener('cnn-error', hear);
        await expectTensorsBackTo(baseline);
        expect(uncaught, 'uncaught errors').to.deep.equal([]);
        if (TIMING) console.log(`${Math.round(performance.now() - t0)} ms  ${table.tag}: ${c.name}`);
      });
    }
  });
}

/** A data URL of a PNG that is only a header declaring `width`×`height` (no pixels): a "decompression bomb". */
export function pngHeaderUrl(width: number, height: number): string {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return `data:image/png;base64,${btoa(String.fromCharCode(...bytes))}`;
}

/** Removes an element and puts it back in the same place, as a framework re-render does. */
export function removeAndReAdd(el: HTMLElement): void {
  const parent = el.parentNode!;
  const next = el.nextSibling;
  el.remove();
  parent.insertBefore(el, next);
}
