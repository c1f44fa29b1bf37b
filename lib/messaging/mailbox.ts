import type { GlossaryEntry } from '../glossary/glossary';
import type { PageUiActions, UiStore } from '../page-ui-store';
import type { Settings } from '../settings';

/** Mounts the in-page UI for a store; resolves to the unmount. */
export type MountUi = (store: UiStore, actions: PageUiActions) => Promise<() => void>;

/**
 * What the scripts of one frame's isolated world leave for each other: the config script, the
 * detector, the page script and its UI script run there one after another, and each takes what the
 * one before left. One typed object under one name; page scripts live in another world and can
 * neither see nor set it.
 */
export interface MailboxSlots {
  /** From the first-screen config script (public/quick/*.js), read by the detector: unchecked. */
  quickConfig: unknown;
  /** The detector's first-screen highlight sheet, which the page script replaces with its own. */
  quickSheet: { readonly css: string; readonly node: object; remove(): void };
  /** The glossary the detector asked for while the page script was being injected. */
  glossary: Promise<{ entries: GlossaryEntry[]; settings: Settings }>;
  /** Set by the page script when it starts: the background may inject it twice, it runs once. */
  pageScriptRunning: true;
  /** Left by the UI script for the page script. */
  mountUi: MountUi;
}

const MAILBOX_KEY = '__wenmai';

export class Mailbox {
  private readonly slots: Partial<MailboxSlots>;

  constructor(holder: object = globalThis) {
    const record = holder as Record<string, unknown>;
    const existing = record[MAILBOX_KEY];
    this.slots = (
      typeof existing === 'object' && existing !== null ? existing : {}
    ) as Partial<MailboxSlots>;
    record[MAILBOX_KEY] = this.slots;
  }

  put<K extends keyof MailboxSlots>(slot: K, value: MailboxSlots[K]): void {
    this.slots[slot] = value;
  }

  peek<K extends keyof MailboxSlots>(slot: K): MailboxSlots[K] | undefined {
    return this.slots[slot];
  }

  /** Reads a slot and empties it: what one script left is taken once. */
  take<K extends keyof MailboxSlots>(slot: K): MailboxSlots[K] | undefined {
    const value = this.slots[slot];
    delete this.slots[slot];
    return value;
  }
}
