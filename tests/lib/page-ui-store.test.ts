import { describe, expect, it } from 'vitest';
import { UiStore } from '../../lib/page-ui-store';

describe('UiStore', () => {
  it('stops rendering once the extension is gone (its APIs would throw in the page)', () => {
    let live = true;
    const store = new UiStore(() => live);
    let renders = 0;
    store.subscribe(() => renders++);
    store.update({ bannerDismissed: true });
    expect(renders).toBe(1);
    live = false;
    store.update({ markers: [], bannerDismissed: false });
    expect(renders).toBe(1);
    expect(store.get().bannerDismissed).toBe(true);
  });
});
