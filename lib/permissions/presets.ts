/**
 * A named set of scopes an API key form offers to tick in one go (a "billing system" key, say).
 * Applying one never ticks a scope the caller may not grant: the grant rule still decides.
 */
export interface ScopePreset {
  id: string;
  label: string;
  /** What such a key is for, shown next to the preset. */
  description: string;
  scopes: readonly string[];
}
