import { describe, expect, it } from '@jest/globals';
import { throttleAddress } from './client-address.js';

describe('throttleAddress', () => {
  it('keeps IPv4 addresses, mapped or not', () => {
    expect(throttleAddress('198.51.100.7')).toBe('198.51.100.7');
    expect(throttleAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('counts an IPv6 address by its /64', () => {
    expect(throttleAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8:1:2:bbbb::9')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });

  it('passes anything else through', () => {
    expect(throttleAddress(undefined)).toBe('unknown');
    expect(throttleAddress('not-an-ip')).toBe('not-an-ip');
  });
});
