/** `/api/v1/findings`: findings of the latest protection analysis, filtered and paginated. */
import { COLOURS, FINDING_STATES, type Finding } from '../../analysis/finding.js';
import { PROTECTION_CLASSES } from '../../config/schema.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { intParam, iso, listParam } from '../params.js';
import type { Route } from '../route.js';
import { analysisOf } from './analysis.js';

/** The findings endpoint. */
export function findingRoutes(deps: ApiDeps): Route[] {
  return [{
    method: 'GET',
    access: 'read',
    path: '/api/v1/findings',
    // Filters are comma-separated lists; without `state`, every state but `protected`
    // (state=all for every finding, protected included).
    handler: (req, res) => {
      const latest = analysisOf(deps).latest();
      if (latest === null) throw new ApiError(503, 'not_ready', 'no analysis yet: it runs once every device has been polled');
      const report = latest.report;
      const stateRaw = req.query['state'];
      const states = stateRaw === 'all' ? new Set(FINDING_STATES) : listParam(req, 'state', FINDING_STATES) ?? new Set(FINDING_STATES.filter((x) => x !== 'protected'));
      const colours = listParam(req, 'colour', COLOURS);
      const classes = listParam(req, 'class', PROTECTION_CLASSES);
      const sites = listParam(req, 'site');
      const rules = listParam(req, 'rule', report.summary.rules.map((r) => r.rule));
      const limit = intParam(req, 'limit', 1000, 1, 10_000);
      const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const keep = (f: Finding): boolean =>
        states.has(f.state) &&
        (colours === null || (f.colour !== null && colours.has(f.colour))) &&
        (classes === null || classes.has(f.class)) &&
        (sites === null || f.sites.some((x) => sites.has(x))) &&
        (rules === null || rules.has(f.rule));
      const items = report.findings.filter(keep);
      res.json({
        at: iso(report.at),
        analysedAt: iso(latest.analysedAt),
        stale: latest.stale,
        total: items.length,
        offset,
        limit,
        items: items.slice(offset, offset + limit),
        summary: report.summary,
        waivers: report.waivers,
        periods: report.periods,
        readiness: report.readiness,
        coverage: report.coverage,
      });
    },
  }];
}
