/**
 * Who may dispose a model, and when: work that reads a model (a prediction, an evaluation, a
 * training run, a refresh) holds it with `using()`; a model the element no longer shows is
 * `retire()`d, and disposed once its last user is done, never under a running prediction.
 * One lease per element. No tfjs here: `dispose` says how a model is freed.
 */
export class ModelLease<M> {
  private readonly users = new Map<M, number>();
  private readonly retired = new Set<M>();

  constructor(private readonly dispose: (model: M) => void) {}

  /** Runs `work` with `model` held: retiring it meanwhile waits for the work to end. */
  async using<T>(model: M, work: () => Promise<T>): Promise<T> {
    this.users.set(model, (this.users.get(model) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = (this.users.get(model) ?? 1) - 1;
      if (left > 0) this.users.set(model, left);
      else {
        this.users.delete(model);
        if (this.retired.delete(model)) this.dispose(model);
      }
    }
  }

  /** Disposes `model` now if nothing uses it, else when the last user is done. */
  retire(model: M): void {
    if (this.users.has(model)) this.retired.add(model);
    else this.dispose(model);
  }
}
