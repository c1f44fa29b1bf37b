import type { ContentActions } from './App';
import type { UiStore } from './store';

/**
 * The page script (entrypoints/content-script) and its React UI (entrypoints/content-ui.tsx) are
 * two scripts in the same isolated world: the UI script leaves its mount function under this key.
 * (Page scripts live in another world and cannot see or set it.)
 */
export const UI_MOUNT_KEY = '__wenmaiMountUi';

/** Mounts the UI for a store; resolves to the unmount. */
export type MountUi = (store: UiStore, actions: ContentActions) => Promise<() => void>;

export function takeMountUi(holder: object = globalThis): MountUi | null {
  const record = holder as Record<string, unknown>;
  const mount = record[UI_MOUNT_KEY];
  delete record[UI_MOUNT_KEY];
  return typeof mount === 'function' ? (mount as MountUi) : null;
}
