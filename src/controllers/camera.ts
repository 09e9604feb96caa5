/**
 * The camera an element films with: asks the browser for it, shows it in the host's
 * `<video>`, hands out the current frame, and ends its tracks when stopped. Shared by
 * `<pretrained-classifier>` (classify a frame) and `<cnn-trainer>` (frames as examples).
 *
 * The host renders its `<video>` while `stream` is set (the controller asks it to update)
 * and stops the camera when it lets go of its resources: a move in the DOM disconnects
 * and reconnects the host, and should not end the camera.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export class CameraController implements ReactiveController {
  /** The live stream, while the camera is on. */
  stream?: MediaStream;
  /** The start in progress (a second press waits for the browser's answer to the first). */
  private starting?: Promise<void>;

  /** `video`: the host's preview element, rendered while `stream` is set. */
  constructor(
    private readonly host: Host,
    private readonly video: () => HTMLVideoElement | null | undefined,
    private readonly facingMode: 'user' | 'environment' = 'environment',
  ) {
    host.addController(this);
  }

  /** Nothing to do on connect; disconnecting does not stop the camera (see above: the host does, on release). */
  hostConnected(): void {}

  get on(): boolean {
    return this.stream !== undefined;
  }

  /**
   * Turns the camera on and shows it. Rejects with an Error whose message says what
   * happened and what to do (no camera here, access refused); the host shows it.
   */
  start(): Promise<void> {
    if (this.stream) return Promise.resolve();
    this.starting ??= this.open().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async open(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new Error(
        'This browser offers no camera here (camera access needs a secure page, https or localhost).',
      );
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: this.facingMode },
        audio: false,
      });
    } catch (e) {
      throw new Error(
        `The camera could not start: ${e instanceof Error ? e.message : String(e)}. Allow camera access for this page, or use a file instead.`,
      );
    }
    // Removed while the browser asked: nothing would ever stop this stream.
    if (!this.host.isConnected) return stream.getTracks().forEach((t) => t.stop());
    this.stream = stream;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const video = this.video();
    if (video && this.stream === stream) {
      video.srcObject = stream;
      await video.play().catch(() => {});
    }
  }

  /** Ends the camera's tracks; the host stops showing the preview. */
  stop(): void {
    if (!this.stream) return;
    this.stream.getTracks().forEach((t) => t.stop());
    this.stream = undefined;
    this.host.requestUpdate();
  }

  /** The preview with its current frame, or undefined while there is no picture yet. */
  frame(): HTMLVideoElement | undefined {
    const video = this.video();
    return this.stream && video && video.videoWidth > 0 ? video : undefined;
  }
}
