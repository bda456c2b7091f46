/**
 * What the shipped calendar (config/policy.yaml §5, special periods) does to a finding's risk
 * colour at a moment, for tests whose daemon runs on the system clock (a spawned `redline demo`):
 * they expect what the calendar says on the day they run (npm run test:dates runs them inside the
 * Spring Festival 2027) instead of today's colours.
 */
import { activePeriods, loadPolicy, policyFileFor } from '../../src/analysis/policy.js';
import { raiseColour, type Colour } from '../../src/analysis/finding.js';
import { loadConfig } from '../../src/config/load.js';
import type { ProtectionClass } from '../../src/config/schema.js';
import { buildInventory } from '../../src/inventory/model.js';

/** The calendar of the configuration in `configDir` (its own policy.yaml, else the shipped one). */
export interface CalendarView {
  /** `colour` as a finding of class `cls` has it at `now`: raised while a special period covers a site of that class. */
  colourAt(colour: Colour, cls: ProtectionClass, now: number): Colour;
}

export function calendarOf(configDir: string): CalendarView {
  const policy = loadPolicy(policyFileFor(configDir));
  // credentials are not needed to know the sites; any value resolves the configuration's references
  const inventory = buildInventory(loadConfig(configDir, { env: new Proxy({}, { get: () => 'calendar' }), readFile: () => 'calendar' }));
  return {
    colourAt(colour, cls, now) {
      const sites = [...inventory.sites.values()].filter((s) => s.class === cls).map((s) => s.id);
      return activePeriods(policy, inventory, now, sites, cls).length > 0 ? raiseColour(colour, policy.periods.raise) : colour;
    },
  };
}

/** The alert severity the shipped rules derive from a risk colour (config/prometheus/rules). */
export function severityOf(colour: Colour): string {
  return colour === 'red' ? 'critical' : colour === 'orange' ? 'major' : colour === 'yellow' ? 'minor' : 'info';
}
