/**
 * Runs async work so that requests made while it runs never queue up: they collapse into
 * one more run, which reads the newest settings when it starts. A reader dragging a slider
 * sees the latest value computed, not a backlog of stale ones.
 */
export class LatestOnly {
  private running?: Promise<void>;
  private again = false;

  /** `work` should report its own errors; a throw ends the current round. */
  constructor(private readonly work: () => Promise<void>) {}

  /** Asks for a run; resolves when no run is pending any more. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.work();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Resolves once the current run (and any it collapsed) has finished. */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
