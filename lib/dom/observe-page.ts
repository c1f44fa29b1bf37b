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
const BATCH_MS = 150;

/**
 * One MutationObserver for the page: records are coalesced into batches handled after a short
 * delay, never inside the callback, and the extension's own writes can be paused out.
 */
export class PageObserver {
  private readonly observer: MutationObserver;
  private pending: PageChanges = { added: [], edited: [], removed: false, overflow: false };
  private records = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly root: Node,
    private readonly onChanges: (changes: PageChanges) => void,
    win: Window & typeof globalThis = window,
  ) {
    this.observer = new win.MutationObserver((records) => this.collect(records));
    this.connect();
  }

  private connect(): void {
    this.observer.observe(this.root, { childList: true, subtree: true, characterData: true });
  }

  private collect(records: MutationRecord[]): void {
    for (const record of records) {
      this.records++;
      if (this.records > RESCAN_THRESHOLD) {
        this.pending.overflow = true;
        continue;
      }
      if (record.type === 'characterData') {
        if (!isInsideExcluded(record.target, this.root))
          this.pending.edited.push(record.target as Text);
      } else {
        if (record.removedNodes.length > 0) this.pending.removed = true;
        for (const node of Array.from(record.addedNodes)) {
          if ((node.nodeType === 1 || node.nodeType === 3) && !isInsideExcluded(node, this.root))
            this.pending.added.push(node);
        }
      }
    }
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = null;
    const changes = this.pending;
    this.pending = { added: [], edited: [], removed: false, overflow: false };
    this.records = 0;
    if (changes.added.length || changes.edited.length || changes.removed || changes.overflow)
      this.onChanges(changes);
  }

  /** Runs the extension's own DOM writes without reporting them as page changes. */
  pause(write: () => void): void {
    this.collect(this.observer.takeRecords());
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
  }
}
