/**
 * Pictures a reader gives an element by hand: a file from the picker, a file dropped
 * anywhere on the element, an image pasted while it has focus. One behaviour for every
 * element that takes pictures (the playground, the classifier):
 *
 * - paste: the first image among the pasted files; a paste with no files (text) is left to
 *   the page, a paste of files none of which is an image is explained;
 * - drop: the first dropped file (a file that is not an image is explained by the reader of
 *   the file); a drop with no file at all is explained;
 * - while something is dragged over it, the host has the `dragging` attribute (for styles).
 *
 * The camera is `camera.ts`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export const NOTHING_DROPPED =
  'Nothing to use in what was dropped: drop an image file (PNG, JPEG, GIF or WebP).';
export const NO_IMAGE_PASTED = 'The pasted file is not an image: paste an image (PNG, JPEG, GIF or WebP).';

export class ImageIntake implements ReactiveController {
  /**
   * `take`: uses a file the reader gave (and reports its own failures);
   * `report`: shows a message about what the reader gave.
   */
  constructor(
    private readonly host: Host,
    private readonly take: (file: File) => void,
    private readonly report: (message: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('paste', this.onPaste);
    this.host.addEventListener('dragover', this.onDragOver);
    this.host.addEventListener('dragleave', this.onDragLeave);
    this.host.addEventListener('drop', this.onDrop);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('paste', this.onPaste);
    this.host.removeEventListener('dragover', this.onDragOver);
    this.host.removeEventListener('dragleave', this.onDragLeave);
    this.host.removeEventListener('drop', this.onDrop);
    this.host.toggleAttribute('dragging', false);
  }

  /** For the host's `<input type="file">`: `@change=${intake.onFileInput}`. */
  readonly onFileInput = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) this.take(file);
    // The same file chosen again is a new choice.
    input.value = '';
  };

  private readonly onPaste = (e: ClipboardEvent) => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    const image = files.find((f) => f.type.startsWith('image/'));
    if (image) this.take(image);
    else this.report(NO_IMAGE_PASTED);
  };

  private readonly onDragOver = (e: DragEvent) => {
    e.preventDefault();
    this.host.toggleAttribute('dragging', true);
  };

  private readonly onDragLeave = () => this.host.toggleAttribute('dragging', false);

  private readonly onDrop = (e: DragEvent) => {
    e.preventDefault();
    this.host.toggleAttribute('dragging', false);
    const file = e.dataTransfer?.files?.[0];
    if (file) this.take(file);
    else this.report(NOTHING_DROPPED);
  };
}
