import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paintFirst, scriptDeferrer } from '../../server/paint-first';

// The shape of a page Next 16 renders (the join page's, shortened): async chunks in <head> with their
// attributes in either order, the legacy-browser polyfill (noModule), inline scripts, the bootstrap chunk
// in <body> with Next's own preload of it.
const N = 'nonce="abc=="';
const PAGE =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/><style>body{margin:0}</style>' +
  `<link rel="preload" as="script" fetchPriority="low" ${N} href="/_next/static/chunks/boot.js"/>` +
  `<script src="/_next/static/chunks/a.js" async="" ${N}></script>` +
  `<script src="/_next/static/chunks/turbopack-b.js" async="" ${N}></script>` +
  `<script src="/_next/static/chunks/poly.js" noModule="" ${N}></script></head>` +
  '<body><main><h1>扫码参会</h1><form><input name="code"/></form></main>' +
  `<script ${N} id="_R_">(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push({})</script>` +
  `<script src="/_next/static/chunks/boot.js" ${N} async=""></script>` +
  `<script ${N}>self.__next_f.push([1,"x"])</script></body></html>`;

const whole = (html: string) => {
  const d = scriptDeferrer('abc==');
  return d.push(html) + d.end();
};

describe('scriptDeferrer (server/paint-first.ts)', () => {
  const out = whole(PAGE);

  it('puts the loader first in <head>, with the page nonce', () => {
    expect(out.startsWith(`<!DOCTYPE html><html lang="zh-CN"><head><script ${N}>(function(w,d){`)).toBe(true);
    expect(out.match(/window,document\)<\/script>/g)).toHaveLength(1);
  });

  it('queues every async chunk for after the first paint, where its script stood, and drops its preload', () => {
    expect(out).not.toMatch(/<script [^>]*\bsrc="[^"]*"[^>]*async=""/);
    expect(out).not.toMatch(/<script [^>]*async=""[^>]*\bsrc=/);
    expect(out).not.toContain('rel="preload"');
    const queued = [...out.matchAll(/<script nonce="abc==">__yishiLater\("([^"]+)"\)<\/script>/g)].map((m) => m[1]);
    expect(queued).toEqual(['/_next/static/chunks/a.js', '/_next/static/chunks/turbopack-b.js', '/_next/static/chunks/boot.js']);
  });

  it('leaves the legacy polyfill, inline scripts and the content as they were', () => {
    expect(out).toContain(`<script src="/_next/static/chunks/poly.js" noModule="" ${N}></script>`);
    expect(out).toContain(`<script ${N} id="_R_">(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push({})</script>`);
    expect(out).toContain(`<script ${N}>self.__next_f.push([1,"x"])</script>`);
    expect(out).toContain('<main><h1>扫码参会</h1><form><input name="code"/></form></main>');
  });

  it('gives the same page however the stream is cut', () => {
    const streamed = (pieces: string[]) => {
      const d = scriptDeferrer('abc==');
      return pieces.map((p) => d.push(p)).join('') + d.end();
    };
    for (let cut = 1; cut < PAGE.length; cut++) {
      if (streamed([PAGE.slice(0, cut), PAGE.slice(cut)]) !== out) expect.fail(`differs when cut at ${cut}`);
    }
    for (let step = 1; step <= 40; step++) {
      const pieces = Array.from({ length: Math.ceil(PAGE.length / step) }, (_, i) => PAGE.slice(i * step, (i + 1) * step));
      if (streamed(pieces) !== out) expect.fail(`differs when cut every ${step} characters`);
    }
  });

  it('changes nothing until it has placed its loader: a script it cannot queue still runs', () => {
    const fragment = `<div>x</div><script src="/_next/static/chunks/a.js" async="" ${N}></script>`;
    expect(whole(fragment)).toBe(fragment);
  });
});

describe('paintFirst (server/paint-first.ts) on a real HTTP response', () => {
  // Answers as Next does: headers set, flushed before the first chunk, the page in pieces (one cut inside a tag).
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      paintFirst(req, res, 'abc==');
      const encoding = req.headers['accept-encoding'];
      res.setHeader('Content-Type', req.url === '/j/data.json' ? 'application/json' : 'text/html; charset=utf-8');
      res.setHeader('X-Next-Saw-Accept-Encoding', String(encoding ?? 'none'));
      res.flushHeaders();
      const cut = PAGE.indexOf('turbopack-b.js');
      res.write(Buffer.from(PAGE.slice(0, cut)));
      res.write(PAGE.slice(cut));
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (path: string, headers: Record<string, string>) =>
    new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      httpRequest(`${base}${path}`, { headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
      }).on('error', reject).end();
    });

  it('rewrites a phone page and gzips it itself: Next is asked for the plain text', async () => {
    const res = await get('/j/XD2688', { accept: 'text/html', 'accept-encoding': 'gzip, br' });
    expect(res.headers['x-next-saw-accept-encoding']).toBe('none');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(whole(PAGE));
  });

  it('rewrites for a browser that takes no compression', async () => {
    const res = await get('/m/XD2688', { accept: 'text/html' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(whole(PAGE));
  });

  it('leaves alone what is not a navigation to a phone page: the console, Next’s own fetches, other content', async () => {
    for (const [path, headers] of [
      ['/console', { accept: 'text/html', 'accept-encoding': 'gzip' }],
      ['/j/XD2688', { accept: '*/*', rsc: '1', 'accept-encoding': 'gzip' }],
    ] as const) {
      const res = await get(path, headers);
      expect(res.headers['x-next-saw-accept-encoding']).toBe('gzip');
      expect(res.body.toString()).toBe(PAGE);
    }
    const json = await get('/j/data.json', { accept: 'text/html' });
    expect(json.body.toString()).toBe(PAGE);
  });
});
