/**
 * A concurrency limit shared fairly between keys (organizations): at most `total` tasks run at once, at
 * most `perKey` of them for one key, and a freed slot goes to the waiting keys in turn (round-robin), so
 * one organization's many (or slow) uploads cannot hold every slot nor starve another's.
 */
export class FairSlots {
  private running = 0;
  private readonly active = new Map<string, number>();
  /** Waiters per key; the Map's order is the round-robin order (a served key moves to the end). */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly total: number,
    private readonly perKey: number,
  ) {}

  /** Runs `task` once `key` gets a slot; the slot is freed when it settles. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  /** Slots in use, and tasks waiting, in all and for one key. */
  stats(key?: string): { running: number; waiting: number } {
    if (key !== undefined) return { running: this.active.get(key) ?? 0, waiting: this.waiting.get(key)?.length ?? 0 };
    return { running: this.running, waiting: [...this.waiting.values()].reduce((sum, list) => sum + list.length, 0) };
  }

  private acquire(key: string): Promise<void> {
    if (!this.waiting.has(key) && this.canStart(key)) {
      this.start(key);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const list = this.waiting.get(key) ?? [];
      list.push(resolve);
      this.waiting.set(key, list);
    });
  }

  private release(key: string): void {
    this.running--;
    const left = (this.active.get(key) ?? 1) - 1;
    if (left === 0) this.active.delete(key);
    else this.active.set(key, left);
    this.dispatch();
  }

  private canStart(key: string): boolean {
    return this.running < this.total && (this.active.get(key) ?? 0) < this.perKey;
  }

  private start(key: string): void {
    this.running++;
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
  }

  private dispatch(): void {
    let served = true;
    while (served && this.running < this.total) {
      served = false;
      for (const [key, list] of this.waiting) {
        if (!this.canStart(key)) continue;
        const next = list.shift()!;
        this.waiting.delete(key);
        if (list.length > 0) this.waiting.set(key, list);
        this.start(key);
        next();
        served = true;
        break;
      }
    }
  }
}
