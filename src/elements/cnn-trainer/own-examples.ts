/**
 * How the reader's own examples come in (`<cnn-trainer dataset="custom">`): an image for a
 * class, image files, a folder or zip in Keras' `flow_from_directory` layout (picked or
 * dropped), camera frames (one per press, a burst while held). Each becomes a 28×28 example
 * in the trainer's `ExampleSet`; what cannot be read is skipped and listed. Also renders
 * the "Your classes" panel and paints its thumbnails.
 */
import type { ReactiveControllerHost } from 'lit';
import { messageOf } from '../cnn-element.js';
import { CameraController } from '../../controllers/camera.js';
import type { ImageInput } from '../../core/images/image-input.js';
import { imageToExample, looksLikeImage } from '../../core/images/example-image.js';
import {
  DatasetError,
  parseClasses,
  sourcePixels,
  type ExampleSet,
} from '../../core/training/example-set.js';
import { drawDigit } from '../../vis/digit-tile.js';
import { paintPixels } from '../pretrained-classifier/paint.js';
import { Burst } from './burst.js';
import { renderDatasetPanel, type DatasetPanelActions } from './dataset-panel.js';
import { droppedFiles, groupByFolder, type PathFile } from './folder-drop.js';
import { expandZips } from './zip-files.js';

/** What the examples tell the trainer. */
export interface OwnExamplesHooks {
  /** Shows a problem and fires `cnn-error`. */
  fail(message: string, cause?: unknown): void;
  /** The problem shown before is solved. */
  clearError(): void;
  /** The examples changed: `dataset-change`, and a new render of the panel. */
  examplesChanged(): void;
  /** Says something to a screen reader. */
  narrate(text: string): void;
  /** A folder named the classes: they become the `classes` attribute. */
  useClasses(names: string[]): void;
}

/** The trainer's own actions in the panel: remove and clear examples, save and load the project. */
export type PanelActions = Pick<DatasetPanelActions, 'remove' | 'clear' | 'saveFile' | 'loadFile'>;

export class OwnExamples {
  /** The camera that films examples: its preview is in the panel. */
  readonly camera: CameraController;
  /** Camera frames into a class: one per press, a burst while held. */
  readonly burst = new Burst({
    shoot: (label) => this.addFrame(label),
    done: (label, shots) => this.framesAdded(label, shots),
  });
  /** Files of the last drop or file choice that were not images or could not be read. */
  private skipped: string[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode },
    private readonly set: ExampleSet,
    private readonly hooks: OwnExamplesHooks,
  ) {
    this.camera = new CameraController(
      host,
      () => host.renderRoot?.querySelector<HTMLVideoElement>('video.camera-preview'),
      'user',
    );
  }

  /** Stops the camera and any burst (the dataset is no longer the reader's own, or the trainer lets go). */
  stop(): void {
    this.burst.release();
    this.camera.stop();
  }

  /**
   * Adds one image to a class: decoded, made grey, centred and shrunk to 28×28. Rejects
   * (after showing why) when the class does not exist, the image cannot be read or the
   * dataset is full.
   */
  async add(label: string, image: ImageInput): Promise<void> {
    try {
      this.set.examplesOf(label);
      this.set.checkRoom();
      const { pixels, source } = await imageToExample(image);
      this.set.add(label, pixels, source);
    } catch (e) {
      this.hooks.fail(messageOf(e), e);
      throw e;
    }
    this.hooks.clearError();
    this.hooks.examplesChanged();
  }

  /** A folder's files (a zip among them unpacked): each file's folder names its class. */
  async addFolder(files: readonly PathFile[]): Promise<{ added: number; skipped: string[] }> {
    const skipped: string[] = [];
    let added = 0;
    try {
      const unzipped = await expandZips(files);
      skipped.push(...unzipped.skipped);
      const { classes, byClass, loose } = groupByFolder(unzipped.files);
      skipped.push(...loose.map((f) => `${f.path}: not inside a class folder`));
      if (classes.length) {
        const names = parseClasses(classes);
        this.hooks.useClasses(names);
        this.set.setClasses(names);
      }
      for (const [label, list] of byClass) {
        for (const { path, file } of list) {
          if (!looksLikeImage(path, file.type)) {
            skipped.push(`${path}: not an image`);
            continue;
          }
          this.set.checkRoom();
          try {
            const { pixels, source } = await imageToExample(file);
            this.set.add(label, pixels, source);
            added++;
          } catch (e) {
            if (!(e instanceof DatasetError) || /limit/.test(e.message)) throw e;
            skipped.push(`${path}: ${e.message}`);
          }
        }
      }
    } catch (e) {
      this.hooks.fail(messageOf(e), e);
    } finally {
      this.showSkipped(skipped);
      if (added) this.hooks.examplesChanged();
    }
    return { added, skipped };
  }

  /** Image files the reader chose for one class; the others are listed as skipped. */
  private async addFiles(label: string, files: File[]): Promise<void> {
    const skipped: string[] = [];
    for (const file of files) {
      if (!looksLikeImage(file.name, file.type)) {
        skipped.push(`${file.name}: not an image`);
        continue;
      }
      try {
        await this.add(label, file);
      } catch (e) {
        skipped.push(`${file.name}: ${messageOf(e)}`);
        if (/limit/.test(messageOf(e))) break;
      }
    }
    this.showSkipped(skipped);
  }

  private showSkipped(files: string[]): void {
    this.skipped = files;
    this.host.requestUpdate();
  }

  private async startCamera(): Promise<void> {
    try {
      await this.camera.start();
      if (this.camera.on)
        this.hooks.narrate('Camera on: press a class’s Add frame button for one frame, hold it for a burst.');
    } catch (e) {
      this.hooks.fail(messageOf(e), e);
    }
  }

  /** One camera frame into a class; false (after saying why) when the burst should end. */
  private async addFrame(label: string): Promise<boolean> {
    const frame = this.camera.frame();
    if (!frame) {
      this.hooks.fail('The camera shows no picture yet: wait a moment, then try again.');
      return false;
    }
    try {
      await this.add(label, frame);
      return true;
    } catch {
      return false; // Shown by add.
    }
  }

  private framesAdded(label: string, shots: number): void {
    if (shots === 0 || !this.set.classes.includes(label)) return;
    this.hooks.narrate(
      `Added ${shots} ${shots === 1 ? 'frame' : 'frames'} to ${label}: ${this.set.counts()[label]} examples.`,
    );
  }

  /** The "Your classes" panel. */
  render(busy: boolean, headingLevel: number, trainer: PanelActions) {
    const set = this.set;
    return renderDatasetPanel(
      {
        classes: set.classes,
        counts: set.counts(),
        bytes: set.bytes,
        featureBytes: set.featureBytes,
        skipped: this.skipped,
        busy,
        headingLevel,
        camera: this.camera.on,
      },
      {
        ...trainer,
        addFiles: (label, files) => void this.addFiles(label, files),
        drop: (transfer) => void droppedFiles(transfer).then((files) => this.addFolder(files)),
        addFolder: (files) =>
          void this.addFolder(files.map((file) => ({ path: file.webkitRelativePath || file.name, file }))),
        startCamera: () => void this.startCamera(),
        stopCamera: () => this.stop(),
        burst: this.burst,
      },
    );
  }

  /** Paints every thumbnail whose example changed. */
  paintThumbnails(root: ParentNode): void {
    for (const canvas of root.querySelectorAll<HTMLCanvasElement>('canvas[data-example]')) {
      const label = canvas.dataset.class!;
      const index = Number(canvas.dataset.example);
      const pixels = this.set.classes.includes(label) ? this.set.examplesOf(label)[index] : undefined;
      if (!pixels || (canvas as unknown as { painted?: Uint8Array }).painted === pixels) continue;
      // A photo (a camera frame, a colour file) shows as itself; a drawing as the digit the network sees.
      const source = this.set.sourceOf(pixels);
      if (source?.channels === 3) paintPixels(canvas, sourcePixels(pixels, source));
      else drawDigit(canvas, pixels);
      (canvas as unknown as { painted?: Uint8Array }).painted = pixels;
    }
  }
}
