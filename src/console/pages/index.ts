/**
 * Every page and form action of the console, one list per page file: a new page is one import
 * and one spread here (its navigation entry, if any, comes from the page itself).
 */
import type { ConsoleParts } from '../app.js';
import type { ConsoleAction, ConsolePage } from '../page.js';
import { accountPages } from './account.js';
import { alertingActions, alertingPages } from './alerting.js';
import { recordsPages } from './records.js';
import { reportsPages } from './reports.js';

/** The console's pages and actions. */
export function consoleParts(): ConsoleParts {
  const pages: ConsolePage[] = [
    ...accountPages,
    ...alertingPages,
    ...reportsPages,
    ...recordsPages,
  ];
  const actions: ConsoleAction[] = [
    ...alertingActions,
  ];
  return { pages, actions };
}
