import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, exampleConfig, nginxConfig, nginxSiteConfig } from './nginx';

// What nginx does with this configuration is tested with a real nginx (tests/integration/nginx.test.ts).
describe('deploy/nginx.ts', () => {
  it('has deploy/nginx.conf.example generated from the current code (run npx tsx deploy/nginx.ts --example)', () => {
    expect(readFileSync(EXAMPLE, 'utf8')).toBe(exampleConfig());
  });

  it('gives websockets an hour between reads, longer than Socket.IO’s and y-websocket’s pings', () => {
    const site = nginxSiteConfig({ listenPort: 80, nodes: [{ id: 'n1', port: 3001 }] });
    for (const location of ['/socket.io/', '/collab/']) {
      const block = site.slice(site.indexOf(`location ${location} {`)).split('}')[0]!;
      expect(block).toContain('proxy_read_timeout 3600s;');
      expect(block).toContain('proxy_send_timeout 3600s;');
    }
  });

  it('refuses node ids nginx or the cookie could not carry, and a prefix nginx would misread', () => {
    expect(() => nginxSiteConfig({ listenPort: 80, nodes: [{ id: 'n 1', port: 3001 }] })).toThrow();
    expect(() => nginxSiteConfig({ listenPort: 80, nodes: [{ id: 'n1', port: 3001 }, { id: 'n1', port: 3002 }] })).toThrow();
    expect(() => nginxSiteConfig({ listenPort: 80, nodes: [] })).toThrow();
    expect(() => nginxConfig({ listenPort: 80, nodes: [{ id: 'n1', port: 3001 }], prefix: '/tmp/a b' })).toThrow();
  });
});
