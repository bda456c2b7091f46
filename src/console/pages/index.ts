/**
 * Every page and form action of the console, one list per page file: a new page is one import
 * and one spread here (its navigation entry, if any, comes from the page itself).
 */
import type { ConsoleParts } from '../app.js';
import type { ConsoleAction, ConsolePage } from '../page.js';
import { accountPages } from './account.js';
import { deviceDetailPages } from './device-detail.js';
import { devicesPages } from './devices.js';
import { overviewPages } from './overview.js';
import { auditPages } from './audit.js';
import { hazardActions } from './hazards-actions.js';
import { hazardPages } from './hazards.js';
import { waiverActions, waiverPages } from './waivers.js';
import { mapPages } from './map.js';
import { findingsPages } from './findings.js';
import { coveragePages } from './coverage.js';
import { whatIfPages } from './whatif.js';
import { alertingActions, alertingPages } from './alerting.js';
import { recordActions } from './records-actions.js';
import { recordsPages } from './records.js';
import { reportsPages } from './reports.js';

/** The console's pages and actions. */
export function consoleParts(): ConsoleParts {
  const pages: ConsolePage[] = [
    ...accountPages,
    ...overviewPages,
    ...devicesPages,
    ...deviceDetailPages,
    ...hazardPages,
    ...waiverPages,
    ...auditPages,
    ...mapPages,
    ...findingsPages,
    ...coveragePages,
    ...whatIfPages,
    ...alertingPages,
    ...reportsPages,
    ...recordsPages,
  ];
  const actions: ConsoleAction[] = [
    ...hazardActions,
    ...waiverActions,
    ...alertingActions,
    ...recordActions,
  ];
  return { pages, actions };
}
