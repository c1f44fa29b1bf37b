/**
 * How long one instance of a content script lives: until the extension behind it is reloaded,
 * updated or removed. The browser then cuts the script off from the extension without telling it;
 * the script notices on its next event and takes down what it put on the page. Nothing the page
 * does can end it (unlike WXT's script context, which listens to DOM events the page can forge).
 */
export class ScriptLifetime {
  private readonly controller = new AbortController();

  /** @param connected true while the extension is there (e.g. `() => !!browser.runtime?.id`). */
  constructor(private readonly connected: () => boolean) {}

  /** Aborts at the end: pass it to addEventListener to drop listeners then. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** False once the extension is gone; the first call that finds out ends the lifetime. */
  alive(): boolean {
    if (!this.controller.signal.aborted && !this.connected()) this.controller.abort();
    return !this.controller.signal.aborted;
  }

  onEnd(callback: () => void): void {
    if (this.controller.signal.aborted) callback();
    else this.controller.signal.addEventListener('abort', callback, { once: true });
  }
}
