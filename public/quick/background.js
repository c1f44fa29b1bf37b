// Wenmai first-screen config (see lib/quick-start.ts): registered by the background to run before
// the detector while highlights are on in the "background" style. It sets a global in the extension's
// isolated world only; the page cannot see it.
globalThis.__wenmaiQuick = { highlightStyle: 'background' };
