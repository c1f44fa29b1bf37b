/** True when Wenmai is switched off for this hostname (subdomains included). */
export function isHostDisabled(disabledSites: readonly string[], hostname: string): boolean {
  return disabledSites.some((site) => hostname === site || hostname.endsWith(`.${site}`));
}
