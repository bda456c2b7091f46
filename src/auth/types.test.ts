/** The access table: which roles each route access admits (the matrix test walks the routes against it). */
import { describe, expect, it } from 'vitest';
import { allows, ROLES, ROUTE_ACCESS, type Role, type RouteAccess } from './types.js';

const TABLE: Record<RouteAccess, Role[]> = {
  public: ['viewer', 'operator', 'inspector', 'admin'],
  read: ['viewer', 'operator', 'inspector', 'admin'],
  audit: ['inspector', 'admin'],
  work: ['operator', 'admin'],
  admin: ['admin'],
};

describe('allows', () => {
  for (const access of ROUTE_ACCESS) {
    for (const role of ROLES) {
      const expected = TABLE[access].includes(role);
      it(`${access} × ${role}: ${expected ? 'allowed' : 'refused'}`, () => {
        expect(allows(access, role)).toBe(expected);
      });
    }
  }

  it('an inspector writes nothing: no work or admin access', () => {
    expect(allows('work', 'inspector')).toBe(false);
    expect(allows('admin', 'inspector')).toBe(false);
  });
});
