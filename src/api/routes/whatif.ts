/** `/api/v1/whatif`: the cached sweep (`?sweep=true`) or a bounded what-if run in the analysis worker (`?fail=a,b`); see whatif-route.ts. */
import type { ApiDeps } from '../deps.js';
import type { Route } from '../route.js';
import { WHATIF_PATH, whatIfHandler } from '../whatif-route.js';

/** The what-if endpoint. */
export function whatIfRoutes(deps: ApiDeps): Route[] {
  return [{ method: 'GET', path: WHATIF_PATH, access: 'read', handler: whatIfHandler(deps.analysis) }];
}
