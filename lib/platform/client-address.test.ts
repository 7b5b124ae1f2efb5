import { describe, expect, it } from 'vitest';
import { clientAddressOf, trustedProxiesFromEnv } from './client-address';

describe('the client address behind a balancer', () => {
  const trusted = trustedProxiesFromEnv({ YISHI_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.5' });

  it('takes X-Real-IP from a trusted proxy, also as an IPv4-mapped IPv6 peer', () => {
    expect(clientAddressOf('127.0.0.1', '203.0.113.7', trusted)).toBe('203.0.113.7');
    expect(clientAddressOf('::ffff:10.0.0.5', '2001:db8::1', trusted)).toBe('2001:db8::1');
  });

  it('ignores the header from anyone else, and a header that is not an address', () => {
    expect(clientAddressOf('198.51.100.9', '203.0.113.7', trusted)).toBe('198.51.100.9');
    expect(clientAddressOf('127.0.0.1', '203.0.113.7, 1.2.3.4', trusted)).toBe('127.0.0.1');
    expect(clientAddressOf('127.0.0.1', ['1.1.1.1', '2.2.2.2'], trusted)).toBe('127.0.0.1');
    expect(clientAddressOf('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
  });

  it('trusts nobody by default', () => {
    expect(clientAddressOf('127.0.0.1', '203.0.113.7', trustedProxiesFromEnv({}))).toBe('127.0.0.1');
    expect(clientAddressOf(undefined, undefined, trustedProxiesFromEnv({}))).toBe('unknown');
  });
});
