import { html, nothing, type PropertyDeclaration, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BACKEND_NAMES, parseBackendName } from '../core/runtime/backend-name.js';
import { AttributeDefaults } from './attribute-defaults.js';
import { unknownChoice } from './choices.js';
import type { BackendReport } from '../core/runtime/backend.tf.js';
import { emit, type CnnErrorDetail } from './events.js';
import { sharedStyles } from './shared.styles.js';
import { TypedEventsElement } from './typed-events.js';
import { yieldToPage } from '../core/runtime/yield-to-page.js';
import { whenNearViewport } from '../controllers/near-viewport.js';
import { DownloadController } from '../controllers/download.js';
import type { DownloadProgress } from '../core/runtime/fetch-checked.js';
import { isOffline, whenOnline } from '../core/runtime/connection.js';
import { keepKeys } from './kept-keys.js';

/**
 * Code already loaded on this page, which an element can start from while offline: the page's
 * backend (TensorFlow.js and its backend modules), and the element classes whose compute module
 * has loaded.
 */
let backendStarted = false;
const computeLoaded = new WeakSet<object>();

/** Where an element is in its life: loading its backend/data/model, ready, computing, or failed to load. */
export type ElementState = 'loading' | 'ready' | 'busy' | 'error';

/**
 * What every cnn-elements element shares: the `state` and `backend` attributes,
 * the `ready` promise, the `cnn-error` event with the message shown inside, and a
 * lifetime that survives being moved in the DOM.
 *
 * Subclasses override `load()` to fetch what they need (data, a model) and
 * `release()` to dispose their tensors, and render their content in
 * `renderContent()`. They run computations through `compute()`, which reflects
 * `state="busy"` while the work runs.
 *
 * `Events` is the subclass's event map: its `addEventListener` is typed by it (plus
 * `cnn-error` and every HTMLElement event). `Tfjs` is the type of its compute module,
 * the one module that brings TensorFlow.js in: the subclass names it in
 * `static computeModule = () => import('./compute.js')`, the base fetches it beside the
 * backend and hands it over as `this.tfjs` before `load()`. Everything an element
 * imports statically stays free of tfjs, so its frame and controls paint first.
 *
 * @fires cnn-error - Something went wrong; `detail: { message, cause? }`. The message is also shown inside the element.
 * @csspart frame - The element's outer box.
 * @csspart status - The footer line with the backend badge.
 * @csspart backend - The badge naming the backend in use.
 * @csspart error - The box that shows what went wrong and how to fix it.
 * @csspart download - The line in the footer, with its progress bar, that shows how much of a model has been downloaded while it loads.
 * @cssprop --cnn-accent - Accent colour of controls and highlights.
 * @cssprop --cnn-fg - Text colour.
 * @cssprop --cnn-bg - Background colour.
 * @cssprop --cnn-muted - Colour of secondary text.
 * @cssprop --cnn-border - Colour of borders and grid lines.
 * @cssprop --cnn-error - Colour of error messages.
 * @cssprop --cnn-radius - Corner radius of the frame.
 * @cssprop --cnn-font - Font family.
 * @cssprop --cnn-font-size - Base font size (default: 14 px, larger with a reader's larger default text, `max(14px, 0.875rem)`).
 * @cssprop --cnn-focus-ring - Box shadow drawn around the focused control.
 */
export abstract class CnnElement<
  Events extends object = object,
  Tfjs extends object = object,
> extends TypedEventsElement<Events> {
  static override styles = [sharedStyles];

  /**
   * A number property set to a numeric string takes the number, as its attribute does. React 19
   * and Vue set a custom element's props as properties where it has them, with the text written:
   * `<cnn-trainer epochs="3">` in JSX (an MDX page of Docusaurus, a React app) sets
   * `epochs = "3"`, which the trainer's checks refused as not a whole number. Other strings
   * stay as they are, for the element to say what is wrong with them.
   */
  protected static override getPropertyDescriptor(
    name: PropertyKey,
    key: string | symbol,
    options: PropertyDeclaration,
  ): PropertyDescriptor | undefined {
    const descriptor = super.getPropertyDescriptor(name, key, options);
    const set = descriptor?.set;
    if (options.type !== Number || !set) return descriptor;
    return {
      ...descriptor,
      set(this: CnnElement, value: unknown) {
        set.call(this, numberFromText(value));
      },
    };
  }

  /**
   * The element's TensorFlow.js side, as a dynamic import (`() => import('./compute.js')`),
   * fetched while the backend starts. Its module type is the class's `Tfjs` parameter.
   * @internal
   */
  static computeModule?: () => Promise<object>;

  /**
   * Where the element is: `loading` → `ready` → `busy` while computing → `ready`, or
   * `error` when it cannot compute at all. Reflected; set by the element.
   */
  @property({ reflect: true }) state: ElementState = 'loading';

  /**
   * The TensorFlow.js backend. Set it to force one (`webgpu`, `webgl`, `wasm`, `cpu`);
   * once known it reflects the backend actually in use. The page has one backend:
   * the first element to start chooses it.
   */
  @property({ reflect: true }) backend?: string;

  /**
   * `lazy`: start TensorFlow.js work only when the element comes near the viewport (as
   * `<img loading="lazy">`), so that a long article does not compute everything on load.
   * `eager` (default, and any other value): start at once.
   */
  @property() loading: 'eager' | 'lazy' = 'eager';

  /** The backend chosen for the page and why. */
  @state() protected backendReport?: BackendReport;

  /** The message shown in the error box; empty when all is well. */
  @state() protected errorMessage = '';

  private readyPromise!: Promise<void>;
  private settleReady!: { resolve: () => void; reject: (e: unknown) => void };
  private loadController?: AbortController;
  private loadStarted = false;
  /** Stops waiting for the viewport (`loading="lazy"`). */
  private cancelWait?: () => void;
  /** Stops waiting for the connection to come back (`failOffline`). */
  private cancelOnlineWait?: () => void;
  /**
   * A lazy element still far from the viewport shows only its empty frame: rendering every
   * element's controls of a long article at once costs the first load long tasks (a trainer's
   * take 80–170 ms here), for parts no reader sees before scrolling 800 px further.
   */
  @state() private far = false;

  /** A large file being fetched (a model's weights), shown in the status line while it lasts. */
  private readonly download = new DownloadController(this);

  /** Runs a download of `what` ("the model"), showing how far it has got until it ends either way. */
  protected async downloading<T>(what: string, work: (report: DownloadProgress) => Promise<T>): Promise<T> {
    const shown = this.download.track(what);
    try {
      return await work(shown.report);
    } finally {
      shown.end();
    }
  }
  private busyCount = 0;
  /** Counts lifetimes: work started before the element left the page must not touch the new one's busy count. */
  private generation = 0;
  /** What the shown error is about (an input name), or '' for a message any success may clear. */
  private errorAbout = '';
  /** Errors already shown, so that work wrapped twice (a button calling a public method) reports once. */
  private readonly reported = new WeakSet<object>();
  /** Each property's value before any attribute set it: what removing the attribute restores. */
  private readonly defaults = new AttributeDefaults(this);
  /** The compute module, once fetched. */
  private loadedTfjs?: Tfjs;

  constructor() {
    super();
    this.resetReady();
    // Slide decks and course sites bind keys on the whole document (see kept-keys.ts).
    keepKeys(this);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    this.defaults.capture();
    // A removed attribute means "the documented default", never the text "null" or a refusal.
    if (value === null && old !== null && this.defaults.restore(name)) return;
    // `state` is reported by the element: a page that removes it gets it written back.
    if (name === 'state' && value === null) return void this.requestUpdate('state', null);
    super.attributeChangedCallback(name, old, value);
  }

  /** Resolves when the element can compute (backend, data and model loaded); rejects on a load error. */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  override connectedCallback(): void {
    this.defaults.capture();
    super.connectedCallback();
    if (this.loadStarted || this.cancelWait) return;
    if (this.loading === 'lazy') {
      this.far = true;
      this.cancelWait = whenNearViewport(this, () => this.startWhenWaiting());
    } else void this.startLoading();
  }

  /** Starts a lazy element's loading, once (its viewport wait may also end by `loading="eager"`). */
  private startWhenWaiting(): void {
    if (!this.cancelWait) return;
    this.cancelWait();
    this.cancelWait = undefined;
    this.far = false;
    if (this.isConnected && !this.loadStarted) void this.startLoading();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move in the DOM disconnects and reconnects in the same task: only release
    // what the element holds if it is still out of the document afterwards.
    queueMicrotask(() => {
      if (!this.isConnected) this.unload();
    });
  }

  /**
   * The element's compute module (`static computeModule`), there from `load()` on. Work
   * that may run before (a property set while loading) checks `tfjsLoaded` first.
   */
  protected get tfjs(): Tfjs {
    if (!this.loadedTfjs)
      throw new Error(`<${this.localName}> is still loading TensorFlow.js: wait for its \`ready\` promise.`);
    return this.loadedTfjs;
  }

  /** True once `tfjs` can be used. */
  protected get tfjsLoaded(): boolean {
    return this.loadedTfjs !== undefined;
  }

  /** Loads what the element needs beyond the backend. Check `signal.aborted` between steps. */
  protected async load(_signal: AbortSignal): Promise<void> {}

  /** Disposes every tensor and model the element holds. Called when it leaves the page. */
  protected release(): void {}

  /** Called once the element is ready, and again after each re-add; start the first computation here. */
  protected onReady(): void {}

  /** The element's own content, inside the shared frame. */
  protected abstract renderContent(): unknown;

  /** Runs async work with `state="busy"`; errors are reported (not thrown) and the previous state kept. */
  protected async compute<T>(
    work: () => Promise<T>,
    describe = 'The computation failed',
  ): Promise<T | undefined> {
    const generation = this.generation;
    this.busyCount++;
    if (this.state === 'ready') this.state = 'busy';
    try {
      return await work();
    } catch (e) {
      // Work of a lifetime that ended (the element was removed meanwhile) reports nothing.
      if (generation === this.generation && !this.wasReported(e))
        this.fail(`${describe}: ${messageOf(e)}`, e);
      return undefined;
    } finally {
      if (generation === this.generation && --this.busyCount === 0 && this.state === 'busy')
        this.state = 'ready';
    }
  }

  /**
   * Reports a problem: shows the message, fires `cnn-error`. A fatal problem (the
   * element cannot compute at all) also sets `state="error"`; any other keeps the
   * element usable with its previous state.
   */
  protected fail(message: string, cause?: unknown, { fatal = false, about = '' } = {}): void {
    this.errorMessage = message;
    this.errorAbout = about;
    if (typeof cause === 'object' && cause !== null) this.reported.add(cause);
    if (fatal) this.state = 'error';
    emit<CnnErrorDetail>(this, 'cnn-error', cause === undefined ? { message } : { message, cause });
  }

  /**
   * Reports a failure that came while the device is offline, saying it will load by itself,
   * and runs `retry` once the connection is back: once, a newer wait replacing it, and
   * leaving the page ending it.
   */
  protected failOffline(
    message: string,
    cause: unknown,
    retry: () => void,
    options?: { fatal?: boolean },
  ): void {
    this.fail(`${message} It loads by itself once the connection is back.`, cause, options);
    this.cancelOnlineWait?.();
    this.cancelOnlineWait = whenOnline(() => {
      this.cancelOnlineWait = undefined;
      retry();
    });
  }

  /**
   * Clears the error box once the reader fixed what was wrong. A message reported
   * `about` an input (`fail(…, { about: 'image' })`) stays until that input is fixed
   * (`clearError('image')`): the redraw of the previous input must not hide it.
   */
  protected clearError(about = ''): void {
    if (this.errorAbout && this.errorAbout !== about) return;
    this.errorMessage = '';
    this.errorAbout = '';
  }

  /**
   * Runs a public method's work so that a rejection also shows its message and fires
   * `cnn-error` (a page that only listens for the event learns of it too); it still rejects.
   */
  protected async reporting<T>(work: () => Promise<T>, describe: string): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (!this.wasReported(e)) this.fail(`${describe}: ${messageOf(e)}`, e);
      throw e;
    }
  }

  private wasReported(e: unknown): boolean {
    return typeof e === 'object' && e !== null && this.reported.has(e);
  }

  /**
   * Checks an enumerated setting: an unknown value is explained with the list of valid
   * ones, and the message stays until the setting is fixed.
   */
  protected checkChoice(name: string, value: unknown, choices: readonly string[]): void {
    const problem = unknownChoice(name, value, choices);
    if (problem) this.fail(problem, undefined, { about: name });
    else this.clearError(name);
  }

  /**
   * Starts loading again after a fatal load error (a bad model URL fixed by the page):
   * the element recovers without being removed and added back.
   */
  protected restart(): void {
    this.cancelOnlineWait?.();
    this.cancelOnlineWait = undefined;
    if (!this.isConnected || this.state !== 'error') return;
    this.loadController?.abort();
    this.generation++;
    this.busyCount = 0;
    this.clearError();
    this.resetReady();
    void this.startLoading();
  }

  protected override update(changed: PropertyValues<this>): void {
    if (changed.has('loading') && this.loading !== 'lazy') this.startWhenWaiting();
    // The page has one backend, chosen by the first element: a later change cannot switch it.
    const report = this.backendReport;
    if (changed.has('backend') && report && this.backend !== report.name) {
      const asked = this.backend;
      this.backend = report.name;
      if (asked !== undefined && asked !== null) {
        this.fail(
          `backend "${asked}" cannot apply now: this page already runs TensorFlow.js on ${report.name}, ` +
            'and the first element to start chooses the backend for the whole page. Set backend before the elements start.',
          undefined,
          { about: 'backend' },
        );
      } else this.clearError('backend');
    }
    super.update(changed);
  }

  protected override render(): TemplateResult {
    if (this.far) return html`<div class="frame" part="frame"></div>`;
    return html`<div class="frame" part="frame">
      ${this.renderContent()}
      ${this.errorMessage ? html`<div class="error" part="error" role="alert">${this.errorMessage}</div>` : nothing}
      <div class="status" part="status">${this.renderStatus()}</div>
    </div>`;
  }

  /** The footer: the backend badge; subclasses may add timing etc. */
  protected renderStatus(): unknown {
    const report = this.backendReport;
    const label = report ? report.label : this.state === 'error' ? 'no backend' : 'starting TensorFlow.js…';
    return html`<span class="badge" part="backend" title=${report?.reason ?? ''}>${label}</span>${this.download.render()}`;
  }

  private resetReady(): void {
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    // A page that never awaits `ready` must not see an unhandled rejection.
    this.readyPromise.catch(() => {});
  }

  private async startLoading(): Promise<void> {
    this.loadStarted = true;
    const controller = new AbortController();
    this.loadController = controller;
    this.state = 'loading';
    const ctor = this.constructor as typeof CnnElement;
    // The browser keeps a module that failed to load failed until the page reloads (Chromium
    // 150 does): fetched while offline, TensorFlow.js could never load on this page again, and
    // "it loads by itself once the connection is back" would not come true. Known offline,
    // fetch nothing yet and wait for the connection.
    if (isOffline() && !(backendStarted && (!ctor.computeModule || computeLoaded.has(ctor)))) {
      const offline = new Error('TensorFlow.js could not be loaded: this device is offline.');
      this.failOffline(offline.message, offline, () => this.restart(), { fatal: true });
      this.settleReady.reject(offline);
      return;
    }
    // The compute module is fetched beside the backend, not after it; a failure is reported below.
    const computing = ctor.computeModule?.();
    computing?.then(
      () => computeLoaded.add(ctor),
      () => {},
    );
    try {
      // TensorFlow.js loads here, behind the frame and controls already on screen.
      const { ensureBackend } = await import('../core/runtime/backend.tf.js');
      const asked = parseBackendName(this.backend);
      if (asked === 'auto' && this.backend && this.backend.trim().toLowerCase() !== 'auto') {
        this.fail(
          `backend "${this.backend}" is unknown: use ${BACKEND_NAMES.join(', ')} or auto. The page's best backend is used instead.`,
          undefined,
          {
            about: 'backend',
          },
        );
      }
      const report = await ensureBackend(asked);
      backendStarted = true;
      // Each stage of a first load ends with a yield, so that the page stays responsive
      // between them (a cached module or a ready backend would otherwise chain them into one task).
      await yieldToPage();
      if (controller.signal.aborted) return;
      this.backendReport = report;
      this.backend = report.name;
      this.sayWhyCpu(report);
      if (computing) this.loadedTfjs = (await computing) as Tfjs;
      await yieldToPage();
      if (controller.signal.aborted) return;
      await this.load(controller.signal);
      await yieldToPage();
      if (controller.signal.aborted) return;
      this.state = 'ready';
      this.settleReady.resolve();
      this.onReady();
    } catch (e) {
      if (controller.signal.aborted) return;
      if (isOffline())
        this.failOffline(loadFailureMessage(e, true), e, () => this.restart(), { fatal: true });
      else this.fail(loadFailureMessage(e, false), e, { fatal: true });
      this.settleReady.reject(e instanceof Error ? e : new Error(messageOf(e)));
    }
  }

  /**
   * Without a GPU, wasm is the fast backend; a page that cannot run it (a policy against
   * WebAssembly, binaries not served) falls back to the cpu backend, many times slower. The
   * element works, and says why it is slow and how to fix it.
   */
  private sayWhyCpu(report: BackendReport): void {
    const wasm =
      report.requested === 'auto' && report.name === 'cpu'
        ? report.skipped.find((s) => s.name === 'wasm')
        : undefined;
    if (wasm)
      this.fail(
        `This runs on TensorFlow.js' slow cpu backend, because wasm is unavailable: ${wasm.error}.`,
        undefined,
        { about: 'backend-speed' },
      );
  }

  private unload(): void {
    this.cancelWait?.();
    this.cancelWait = undefined;
    this.cancelOnlineWait?.();
    this.cancelOnlineWait = undefined;
    this.loadController?.abort();
    this.loadController = undefined;
    this.release();
    if (this.loadStarted && this.state === 'loading') {
      this.settleReady.reject(new Error(`<${this.localName}> was removed before it was ready.`));
    }
    this.loadStarted = false;
    this.generation++;
    this.busyCount = 0;
    this.state = 'loading';
    this.resetReady();
  }
}

/** The message of anything thrown. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Why loading failed. A module that would not load (tfjs or the element's compute module,
 * fetched only now) gives the browser's terse "Failed to fetch dynamically imported module":
 * say what it means for the reader and what the author can do. Offline, the reader only
 * needs the connection back: the element then loads again by itself.
 */
function loadFailureMessage(e: unknown, offline: boolean): string {
  const message = messageOf(e);
  const code =
    e instanceof TypeError && /dynamically imported module|importing a module script failed/i.test(message);
  if (offline)
    return code ? `TensorFlow.js could not be loaded: this device is offline (${message}).` : message;
  if (!code) return message;
  return (
    `TensorFlow.js could not be loaded, so this element cannot compute (${message}). ` +
    "The network, a content blocker or the server refused one of the library's files: reload the page, " +
    "and if it persists, check that the site serves all of cnn-elements' files."
  );
}

/** `value` as a number when it is the text of one (`"3"`, `" 0.5 "`); anything else as it is. */
function numberFromText(value: unknown): unknown {
  if (typeof value !== 'string' || value.trim() === '') return value;
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
}
