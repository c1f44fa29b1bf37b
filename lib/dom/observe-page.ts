import { isInsideExcluded } from './text-blocks';

/** What changed since the last batch. */
export interface PageChanges {
  /** Added subtrees with readable text. */
  added: Node[];
  /** Text nodes whose text the page changed. */
  edited: Text[];
  /** Something was removed (highlights and markers may point at detached nodes). */
  removed: boolean;
  /** Too many changes to track one by one: rescan everything. */
  overflow: boolean;
}

/** Above this many records in one batch, a full rescan is cheaper than following each change. */
const RESCAN_THRESHOLD = 400;
/** Changes are gathered for this long before one batch is handled. */
export const BATCH_MS = 150;
/**
 * A page that keeps changing (a live ticker, an animation written as DOM edits) gets its batches
 * further and further apart, up to this: each batch costs a rescan, and the page's own work
 * comes first. A quiet batch interval brings the delay back to BATCH_MS.
 */
export const MAX_BATCH_MS = 2000;

/**
 * A page whose batches have been spaced out to this keeps changing (two batches back to back, in
 * about half a second): Wenmai then keeps its own cost per page change low (fewer highlight ranges).
 */
export const RESTLESS_BATCH_MS = 4 * BATCH_MS;

/**
 * One MutationObserver for the page: records are only counted and kept in the callback, sorted
 * out in batches handled after a delay (never inside the callback), and the extension's own
 * writes can be paused out. The delay doubles while the page keeps changing, so a page that
 * mutates without pause costs a rescan every MAX_BATCH_MS at most.
 */
export class PageObserver {
  private readonly observer: MutationObserver;
  private pending: MutationRecord[] = [];
  private records = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private delay = BATCH_MS;
  /** Whether records came in since the last batch was handled (the page is still changing). */
  private changedSinceFlush = false;

  /**
   * @param onRestless called with true when the page has changed in batch after batch (see
   *   `restless`), and with false when it has been quiet for a batch interval again
   */
  constructor(
    private readonly root: Node,
    private readonly onChanges: (changes: PageChanges) => void,
    win: Window & typeof globalThis = window,
    private readonly onRestless: (restless: boolean) => void = () => undefined,
  ) {
    this.observer = new win.MutationObserver((records) => this.collect(records));
    this.connect();
  }

  private connect(): void {
    this.observer.observe(this.root, { childList: true, subtree: true, characterData: true });
  }

  private collect(records: MutationRecord[]): void {
    this.records += records.length;
    // Kept up to the threshold only: beyond it the batch is a full rescan whatever they say.
    for (const record of records) {
      if (this.pending.length >= RESCAN_THRESHOLD) break;
      this.pending.push(record);
    }
    this.changedSinceFlush = true;
    this.timer ??= setTimeout(() => this.flush(), this.delay);
  }

  /**
   * Whether the page keeps changing: its batches have come back to back often enough to space them
   * out to RESTLESS_BATCH_MS or more (a quiet batch interval ends it).
   */
  get restless(): boolean {
    return this.delay >= RESTLESS_BATCH_MS;
  }

  private setDelay(delay: number): void {
    const was = this.restless;
    this.delay = delay;
    if (this.restless !== was) this.onRestless(this.restless);
  }

  private flush(): void {
    this.timer = null;
    const records = this.pending;
    const overflow = this.records > RESCAN_THRESHOLD;
    this.pending = [];
    this.records = 0;
    this.changedSinceFlush = false;
    // Another batch right behind this one means the page keeps changing: wait longer next time.
    // A batch interval with no change resets the delay.
    this.setDelay(Math.min(MAX_BATCH_MS, this.delay * 2));
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (!this.changedSinceFlush) this.setDelay(BATCH_MS);
    }, this.delay);
    const changes = overflow
      ? { added: [], edited: [], removed: true, overflow: true }
      : this.sort(records);
    if (changes.added.length || changes.edited.length || changes.removed || changes.overflow)
      this.onChanges(changes);
  }

  /** The records of a batch as changes to follow (what is inside excluded elements is left out). */
  private sort(records: readonly MutationRecord[]): PageChanges {
    const changes: PageChanges = { added: [], edited: [], removed: false, overflow: false };
    for (const record of records) {
      if (record.type === 'characterData') {
        if (!isInsideExcluded(record.target, this.root)) changes.edited.push(record.target as Text);
      } else {
        if (record.removedNodes.length > 0) changes.removed = true;
        for (const node of Array.from(record.addedNodes)) {
          if ((node.nodeType === 1 || node.nodeType === 3) && !isInsideExcluded(node, this.root))
            changes.added.push(node);
        }
      }
    }
    return changes;
  }

  /** Runs the extension's own DOM writes without reporting them as page changes. */
  pause(write: () => void): void {
    const before = this.observer.takeRecords();
    if (before.length) this.collect(before);
    this.observer.disconnect();
    try {
      write();
    } finally {
      this.observer.takeRecords();
      this.connect();
    }
  }

  disconnect(): void {
    this.observer.disconnect();
    if (this.timer) clearTimeout(this.timer);
    if (this.settleTimer) clearTimeout(this.settleTimer);
  }
}
