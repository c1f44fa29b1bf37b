/**
 * Firefox (140) draws only colours and backgrounds for ::highlight(), not text-decoration: there the
 * "underline" style is drawn as a light tint of the same red. A build constant, because CSS cannot
 * feature-test what a highlight pseudo-element renders (the CLI and the corpus build, run by tsx,
 * have no build env: there it reads true). A module of its own: the detector imports it, and must
 * not pull in the settings' schema.
 */
export const CAN_UNDERLINE_HIGHLIGHTS = !import.meta.env?.FIREFOX;
