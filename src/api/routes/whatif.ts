/** `/api/v1/whatif`: what losing elements does on the live network (`?fail=a,b`), or every SPOF (`?sweep=true`). */
import { UsageError } from '../../common/errors.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { listParam } from '../params.js';
import type { Route } from '../route.js';
import { analysisOf, disjointnessParam } from './analysis.js';

/** The what-if endpoint. */
export function whatIfRoutes(deps: ApiDeps): Route[] {
  return [{
    method: 'GET',
    path: '/api/v1/whatif',
    handler: (req, res) => {
      const a = analysisOf(deps);
      const disjointness = disjointnessParam(req);
      if (req.query['sweep'] === 'true') {
        if (req.query['fail'] !== undefined) throw new ApiError(400, 'bad_request', 'sweep and fail exclude each other');
        res.json({ singlePointsOfFailure: a.sweep(disjointness) });
        return;
      }
      const fail = listParam(req, 'fail');
      if (fail === null) throw new ApiError(400, 'bad_request', 'say fail=<element>[,<element>…] or sweep=true');
      try {
        res.json(a.whatIf([...fail], disjointness));
      } catch (err) {
        if (err instanceof UsageError) throw new ApiError(400, 'bad_request', err.message);
        throw err;
      }
    },
  }];
}
