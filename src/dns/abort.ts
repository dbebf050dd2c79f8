// Many lookups listen to one caller's AbortSignal (a per-run deadline). Node warns past ten
// listeners on one signal, and each addEventListener costs more than a Set entry, so a source keeps
// one listener per signal and a set of what to stop.

export interface Abortable {
  abort(): void;
}

export class AbortWatch {
  private readonly watching = new WeakMap<AbortSignal, Set<Abortable>>();

  /** `target.abort()` runs when `signal` aborts, unless unwatched first. The signal must not be aborted yet. */
  add(signal: AbortSignal, target: Abortable): void {
    let targets = this.watching.get(signal);
    if (!targets) {
      const set = new Set<Abortable>();
      targets = set;
      this.watching.set(signal, set);
      signal.addEventListener(
        'abort',
        () => {
          const all = [...set];
          set.clear();
          for (const each of all) each.abort();
        },
        { once: true },
      );
    }
    targets.add(target);
  }

  delete(signal: AbortSignal, target: Abortable): void {
    this.watching.get(signal)?.delete(target);
  }
}
