/**
 * Accounts and roles: who a caller is (a `Principal`) and what each role may do. `viewer` reads
 * the network's state; `operator` also works hazards; `inspector` reads and exports everything
 * (audit trail included) and writes nothing; `admin` also manages tokens, waivers and settings.
 * Routes declare the access they need (`RouteAccess`); one place decides (auth middleware).
 */

/** The roles, as stored with each token. */
export const ROLES = ['viewer', 'operator', 'inspector', 'admin'] as const;
/** One of ROLES. */
export type Role = (typeof ROLES)[number];

/**
 * What a route needs. `public`: anyone, no token (`/healthz`, `/readyz`, login). `read`: any
 * role. `audit`: inspector or admin (the audit trail, exports). `work`: operator or admin
 * (hazard changes, comments). `admin`: admin only (tokens, waivers, settings).
 */
export const ROUTE_ACCESS = ['public', 'read', 'audit', 'work', 'admin'] as const;
/** One of ROUTE_ACCESS. */
export type RouteAccess = (typeof ROUTE_ACCESS)[number];

/** The roles each access level admits. */
export const ACCESS_ROLES: Readonly<Record<RouteAccess, readonly Role[]>> = {
  public: ROLES,
  read: ROLES,
  audit: ['inspector', 'admin'],
  work: ['operator', 'admin'],
  admin: ['admin'],
};

/** Whether `role` may use a route needing `access`. */
export function allows(access: RouteAccess, role: Role): boolean {
  return ACCESS_ROLES[access].includes(role);
}

/** Who is calling: the name recorded in the audit trail, the role, and how they proved it. */
export interface Principal {
  /** The token's (or single-sign-on user's) name; what `actor` says in the audit trail. */
  readonly name: string;
  readonly role: Role;
  /** `token` (Authorization: Bearer), `session` (the console's cookie), `proxy`/`oidc` (single sign-on, later). */
  readonly via: 'token' | 'session' | 'proxy' | 'oidc';
}
