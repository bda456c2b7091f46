/** `/api/v1/findings`: findings of the latest protection analysis, filtered and paginated. */
import { COLOURS, FINDING_STATES } from '../../analysis/finding.js';
import { PROTECTION_CLASSES } from '../../config/schema.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { intParam, listParam } from '../params.js';
import type { Route } from '../route.js';
import { analysisOf, sendReportPage } from './analysis.js';

/** The findings endpoint. */
export function findingRoutes(deps: ApiDeps): Route[] {
  return [{
    method: 'GET',
    access: 'read',
    path: '/api/v1/findings',
    // Filters are comma-separated lists; without `state`, every state but `protected`
    // (state=all for every finding, protected included). The report stays where it is held
    // (the analysis worker): this thread validates the filters and sends the page it answers.
    handler: async (req, res) => {
      const latest = analysisOf(deps).latest();
      if (latest === null) throw new ApiError(503, 'not_ready', 'no analysis yet: it runs once every device has been polled');
      const stateRaw = req.query['state'];
      const states = stateRaw === 'all' ? new Set(FINDING_STATES) : listParam(req, 'state', FINDING_STATES) ?? new Set(FINDING_STATES.filter((x) => x !== 'protected'));
      const colours = listParam(req, 'colour', COLOURS);
      const classes = listParam(req, 'class', PROTECTION_CLASSES);
      const sites = listParam(req, 'site');
      const rules = listParam(req, 'rule', latest.rules);
      const limit = intParam(req, 'limit', 1000, 1, 10_000);
      const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const list = <T>(s: Set<T> | null): T[] | null => (s === null ? null : [...s]);
      await sendReportPage(res, latest.findings({ states: [...states], colours: list(colours), classes: list(classes), sites: list(sites), rules: list(rules), limit, offset }));
    },
  }];
}
