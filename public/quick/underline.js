// Wenmai first-screen config (see lib/quick-start.ts): registered by the background to run before
// the detector while highlights are on in the "underline" style. It writes to Wenmai's mailbox in the
// extension's isolated world only (lib/messaging/mailbox.ts); the page cannot see it.
(globalThis.__wenmai ??= {}).quickConfig = { highlightStyle: 'underline' };
