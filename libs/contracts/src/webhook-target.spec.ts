import { describe, expect, it } from '@jest/globals';
import { addressRefusal, allowanceOpensPrivateTargets, parseWebhookAllowance, webhookUrlRefusal } from './webhook-target.js';

describe('webhook targets', () => {
  it.each([
    ['http://127.0.0.1:6379/', 'loopback'],
    ['http://2130706433:5432/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:a00:1]/', 'private'],
    ['http://10.0.0.1/', 'private'],
    ['http://172.16.5.4/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://100.64.0.1/', 'carrierGradeNat'],
    ['http://100.100.100.200/', 'carrierGradeNat'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://[fe80::1]/', 'linkLocal'],
    ['http://[fd00:ec2::254]/', 'uniqueLocal'],
    ['http://[64:ff9b::7f00:1]/', 'rfc6052'],
    ['http://[2002:7f00:1::]/', '6to4'],
    ['http://255.255.255.255/', 'broadcast'],
  ])('refuses %s (%s)', (url, range) => {
    expect(webhookUrlRefusal(url)).toContain(range);
  });

  it.each(['http://localhost:3000/', 'http://LOCALHOST./', 'http://api.localhost/', 'http://metadata.google.internal/computeMetadata/v1/'])(
    'refuses the local name in %s',
    (url) => {
      expect(webhookUrlRefusal(url)).toMatch(/local host name/);
    },
  );

  it('refuses other schemes and credentials in the URL', () => {
    expect(webhookUrlRefusal('ftp://erp.example.com/')).toMatch(/http/);
    expect(webhookUrlRefusal('gopher://127.0.0.1:6379/')).toMatch(/http/);
    expect(webhookUrlRefusal('https://user:pw@erp.example.com/')).toMatch(/credentials/);
  });

  it('accepts public addresses and names (names are checked again after resolution)', () => {
    expect(webhookUrlRefusal('https://erp.example.com/hooks')).toBeNull();
    expect(webhookUrlRefusal('http://93.184.215.14/hook')).toBeNull();
    expect(webhookUrlRefusal('https://[2606:4700::1111]/hook')).toBeNull();
    expect(addressRefusal('8.8.8.8')).toBeNull();
  });

  it('lets the configured exceptions through, and only them', () => {
    const { allowance, errors } = parseWebhookAllowance(['127.0.0.1/32', 'erp.internal', '::1', 'fd00::/8']);
    expect(errors).toEqual([]);
    expect(webhookUrlRefusal('http://127.0.0.1:4000/', allowance)).toBeNull();
    expect(webhookUrlRefusal('http://[::ffff:127.0.0.1]:4000/', allowance)).toBeNull();
    expect(webhookUrlRefusal('http://erp.internal/', allowance)).toBeNull();
    expect(webhookUrlRefusal('http://[::1]/', allowance)).toBeNull();
    expect(addressRefusal('fd12::1', allowance)).toBeNull();
    expect(webhookUrlRefusal('http://127.0.0.2/', allowance)).toContain('loopback');
    expect(webhookUrlRefusal('http://10.0.0.1/', allowance)).toContain('private');
    expect(allowanceOpensPrivateTargets(allowance)).toBe(true);
    expect(allowanceOpensPrivateTargets(parseWebhookAllowance([]).allowance)).toBe(false);
  });

  it('names the entries it cannot read', () => {
    expect(parseWebhookAllowance(['10.0.0.0/33', 'not a host', 'ok.example']).errors).toEqual([
      '"10.0.0.0/33" is not a CIDR range',
      '"not a host" is neither a host name nor an address range',
    ]);
  });
});
