import { describe, expect, it } from '@jest/globals';
import { platformRolesOf, tokenRefusal } from './token-check.service.js';

const state = { id: 'u', organizationId: 'o', username: 'ann', role: 'admin' as const, active: true, tokenVersion: 3 };

describe('token checks', () => {
  it('accepts claims matching the current row and refuses the rest', () => {
    expect(tokenRefusal({ org: 'o', ver: 3 }, state)).toBeNull();
    expect(tokenRefusal({ org: 'o', ver: 2 }, state)).toMatch(/revoked/);
    expect(tokenRefusal({ org: 'other', ver: 3 }, state)).toMatch(/revoked/);
    expect(tokenRefusal({ org: 'o', ver: 3 }, { ...state, active: false })).toMatch(/deactivated/);
    expect(tokenRefusal({ org: 'o', ver: 3 }, null)).toMatch(/no longer exists/);
  });

  it('grants platform-operator to the listed usernames, the bootstrap admin when none are listed', () => {
    expect(platformRolesOf('admin', { PLATFORM_OPERATORS: undefined, ADMIN_USERNAME: 'admin' })).toEqual(['platform-operator']);
    expect(platformRolesOf('admin', { PLATFORM_OPERATORS: [], ADMIN_USERNAME: 'admin' })).toEqual([]);
    expect(platformRolesOf('ops', { PLATFORM_OPERATORS: ['ops'], ADMIN_USERNAME: 'admin' })).toEqual(['platform-operator']);
    expect(platformRolesOf('ann', { PLATFORM_OPERATORS: ['ops'], ADMIN_USERNAME: 'admin' })).toEqual([]);
  });
});
