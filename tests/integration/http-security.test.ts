// The HTTP edge against a browser on another site and against password guessing: the Origin and
// Content-Type rules of state-changing requests, login limits counted before the password check, and
// the error shape the protocol document promises.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../lib/auth/password';
import { LOGIN_LIMITS } from '../../lib/auth/login-limits';
import { loadDefaultCatalogue } from '../../lib/scoring/catalogue';
import { newId } from '../../lib/platform/tokens';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { useScratchServer } from '../support/scratch-server';
import { postJson, staffCookie } from '../support/server';

const EVIL = 'http://evil.example';
const login = (url: string, username: string, password: string, headers: Record<string, string> = {}) => postJson(`${url}/api/auth/login`, { username, password }, headers);

describe('state-changing requests from another site', () => {
  const ctx = useScratchServer({ env: { YISHI_PUBLIC_URL: 'https://yishi.example' } });

  it('refuses a foreign Origin or a cross-site Sec-Fetch-Site with FORBIDDEN, and does nothing', async () => {
    const home = await makeCommunity(ctx.db, { members: 2 });
    const meeting = await makeMeeting(ctx.db, home);
    const admin = { id: newId(), username: `adm-${home.communityId.slice(0, 8)}`, displayName: '管理员', role: 'district_admin', passwordHash: await hashPassword(TEST_PASSWORD), districtId: home.districtId, streetId: null, communityId: null };
    await ctx.db.staffUser.create({ data: admin });
    const cookie = await staffCookie(ctx.server.url, admin.username, TEST_PASSWORD);
    const catalogue = { year: 2026, catalogue: loadDefaultCatalogue() };

    const crossSite: Record<string, string>[] = [{ origin: EVIL }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: ctx.server.url, 'sec-fetch-site': 'cross-site' }];
    for (const headers of crossSite) {
      const edition = await postJson(`${ctx.server.url}/api/catalogue`, catalogue, { cookie, ...headers });
      expect(edition, JSON.stringify(headers)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      expect((await postJson(`${ctx.server.url}/api/auth/logout`, {}, { cookie, ...headers })).status).toBe(403);
      expect((await login(ctx.server.url, admin.username, TEST_PASSWORD, headers)).cookie).toBeNull();
      expect((await postJson(`${ctx.server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: 'x'.repeat(43) }, headers)).status).toBe(403);
    }
    expect(await ctx.db.indexCatalogue.count()).toBe(0);
    // The session survived the cross-site logouts.
    expect((await fetch(`${ctx.server.url}/api/catalogue`, { headers: { cookie } })).status).toBe(200);
  });

  it('accepts its own pages (same host, or YISHI_PUBLIC_URL behind a proxy) and clients that send neither header', async () => {
    const home = await makeCommunity(ctx.db, { members: 2 });
    const ownPages: Record<string, string>[] = [{}, { origin: ctx.server.url, 'sec-fetch-site': 'same-origin' }, { origin: 'https://yishi.example' }, { 'sec-fetch-site': 'none' }];
    for (const headers of ownPages) {
      const res = await login(ctx.server.url, home.facilitator.username, TEST_PASSWORD, headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('parses only application/json (a charset is fine): "text/plain; application/json" is refused', async () => {
    const home = await makeCommunity(ctx.db, { members: 2 });
    const body = JSON.stringify({ username: home.facilitator.username, password: TEST_PASSWORD });
    const post = (type: string) => fetch(`${ctx.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': type }, body });
    for (const type of ['text/plain; application/json', 'text/plain', 'application/jsonx', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=application/json']) {
      const res = await post(type);
      expect(res.status, type).toBe(400);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect((await res.json()).error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'content-type', reason: 'unsupported_media_type' } });
    }
    expect((await post('application/json; charset=utf-8')).status).toBe(200);
    expect((await post('Application/JSON')).status).toBe(200);
  });

  it('sends the security headers with API answers too', async () => {
    const res = await fetch(`${ctx.server.url}/api/health`);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('a build asset carries nosniff only; a path that only looks like one (an escaped ..) keeps every header', async () => {
    // Raw paths, as a client may send them (fetch would resolve the dot segments first).
    const head = (path: string) => new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const { hostname, port } = new URL(ctx.server.url);
      request({ hostname, port, path, method: 'GET' }, (res) => { res.resume(); resolve(res.headers); }).on('error', reject).end();
    });
    const asset = await head('/_next/static/chunks/0abc_def-1.js');
    expect(asset['x-content-type-options']).toBe('nosniff');
    expect(asset['content-security-policy']).toBeUndefined();
    expect(asset['x-frame-options']).toBeUndefined();
    for (const path of ['/_next/static/%2e%2e/%2e%2e/login', '/_next/static/../../login', '/_next/static/chunks/..%2f..%2flogin']) {
      const h = await head(path);
      expect(h['content-security-policy'], path).toBeDefined();
      expect(h['x-frame-options'], path).toBe('DENY');
    }
  });

  it('answers errors in the shape docs/protocol.md shows for HTTP', async () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'protocol.md'), 'utf8');
    const errors = doc.slice(doc.indexOf('## Errors'), doc.indexOf('## HTTP'));
    const http = /```json\n(.+)\n```/.exec(errors.slice(errors.indexOf('HTTP error answer')));
    expect(http, 'an HTTP example in the Errors section').not.toBeNull();
    const example = JSON.parse(http![1]!);
    const res = await postJson(`${ctx.server.url}/api/join`, { via: 'card', joinCode: 'ZZZZZZ', cardToken: 'x'.repeat(43) });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(example);
  });
});

describe('login limits: parallel guesses', () => {
  const ctx = useScratchServer();

  it('counts each guess before the password check: of 60 parallel guesses 5 are evaluated, and then the right password is refused too', async () => {
    const home = await makeCommunity(ctx.db, { members: 1 });
    const guesses = await Promise.all(Array.from({ length: 60 }, () => login(ctx.server.url, home.facilitator.username, 'wrong')));
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perAccount.points);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - LOGIN_LIMITS.perAccount.points);
    const right = await login(ctx.server.url, home.facilitator.username, TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSec: expect.any(Number) } });
  });
});

describe('login limits: one address across accounts', () => {
  const ctx = useScratchServer();

  it('caps wrong passwords per address across usernames: 5 on each of 5 accounts do not all get through', async () => {
    const communities = [await makeCommunity(ctx.db, { members: 1 }), await makeCommunity(ctx.db, { members: 1 }), await makeCommunity(ctx.db, { members: 1 })];
    const accounts = communities.flatMap((c) => [c.facilitator.username, c.recorder.username]).slice(0, 5);
    const statuses: number[] = [];
    for (const username of accounts) for (let i = 0; i < 5; i++) statuses.push((await login(ctx.server.url, username, 'wrong')).status);
    expect(statuses.slice(0, LOGIN_LIMITS.perAddress.points).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(LOGIN_LIMITS.perAddress.points).every((s) => s === 429)).toBe(true);
    // A sixth account, never guessed, is refused from this address as well.
    expect((await login(ctx.server.url, communities[2]!.recorder.username, TEST_PASSWORD)).status).toBe(429);
  });
});
