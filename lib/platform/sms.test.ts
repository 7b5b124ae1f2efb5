import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError, toErrorPayload } from './errors';
import { HttpSmsSender, LogSmsSender, smsSenderFromEnv } from './sms';

/** A stand-in SMS gateway on port 0: records each request and answers with `status`. */
describe('HttpSmsSender', () => {
  let server: Server;
  let url: string;
  let status = 200;
  let received: { method?: string; headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ method: req.method, headers: req.headers, body });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status < 300 ? '{"ok":true}' : '{"error":"quota exceeded"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    status = 200;
    received = [];
  });

  it('posts {to, text, sender} as JSON with the bearer token', async () => {
    await new HttpSmsSender({ url, token: 'tok-123', sender: '桂湖社区' }).send('13812341234', '【议事】您的验证码是 123456');
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('POST');
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.headers.authorization).toBe('Bearer tok-123');
    expect(JSON.parse(received[0]!.body)).toEqual({ to: '13812341234', text: '【议事】您的验证码是 123456', sender: '桂湖社区' });
  });

  it('sends no authorization header without a token, and “Yishi” as the default sender', async () => {
    await new HttpSmsSender({ url }).send('13812341234', 'hi');
    expect(received[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(received[0]!.body).sender).toBe('Yishi');
  });

  it('never reveals codes', () => {
    expect(new HttpSmsSender({ url }).revealsCodes).toBe(false);
  });

  it('turns a 500 answer into UNAVAILABLE, telling the log and not the caller what the provider said', async () => {
    status = 500;
    const logged: string[] = [];
    const err = await new HttpSmsSender({ url, token: 't' }, (l) => logged.push(l)).send('13812341234', 'hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UNAVAILABLE');
    // AppError details reach whoever asked for a code.
    expect(JSON.stringify(toErrorPayload(err))).not.toContain('quota');
    expect(logged).toEqual(['[sms] provider answered 500: {"error":"quota exceeded"}']);
  });

  it('turns any other non-2xx answer into UNAVAILABLE too', async () => {
    status = 401;
    await expect(new HttpSmsSender({ url }).send('13812341234', 'hi')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('turns an unreachable provider into UNAVAILABLE', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const logged: string[] = [];
    const err = await new HttpSmsSender({ url: `http://127.0.0.1:${port}/send` }, (l) => logged.push(l)).send('13812341234', 'hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UNAVAILABLE');
    expect(JSON.stringify(toErrorPayload(err))).not.toContain(String(port));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^\[sms\] provider unreachable: /);
  });

  it('gives up on a provider that never answers', async () => {
    const silent = createServer(() => {}); // accepts and never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      await expect(new HttpSmsSender({ url: `http://127.0.0.1:${port}/`, timeoutMs: 200 }, () => {}).send('13812341234', 'hi')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('LogSmsSender', () => {
  it('prints the message with its recipient', async () => {
    const lines: string[] = [];
    await new LogSmsSender(false, (l) => lines.push(l)).send('13812341234', '您的验证码是 654321');
    expect(lines).toEqual(['[sms] to 13812341234: 您的验证码是 654321']);
  });
});

describe('smsSenderFromEnv', () => {
  const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
  it('picks the HTTP provider when YISHI_SMS_URL is set, which never reveals codes even in demo mode', () => {
    const sender = smsSenderFromEnv(env({ YISHI_SMS_URL: 'https://sms.example.cn/send', YISHI_SMS_TOKEN: 'x', YISHI_DEMO: '1' }));
    expect(sender).toBeInstanceOf(HttpSmsSender);
    expect(sender.revealsCodes).toBe(false);
  });
  it('picks the log sender otherwise; it reveals codes only with YISHI_DEMO=1', () => {
    const demo = smsSenderFromEnv(env({ YISHI_DEMO: '1' }));
    expect(demo).toBeInstanceOf(LogSmsSender);
    expect(demo.revealsCodes).toBe(true);
    expect(smsSenderFromEnv(env({ YISHI_DEMO: '0' })).revealsCodes).toBe(false);
    expect(smsSenderFromEnv(env({})).revealsCodes).toBe(false);
  });
  it('takes an empty setting for an unset one (an env file’s `YISHI_SMS_URL=`)', () => {
    const sender = smsSenderFromEnv(env({ YISHI_SMS_URL: '', YISHI_SMS_TOKEN: '', YISHI_SMS_SENDER: '', YISHI_DEMO: '' }));
    expect(sender).toBeInstanceOf(LogSmsSender);
    expect(sender.revealsCodes).toBe(false);
  });
  it('refuses a malformed or non-http provider URL and a bad YISHI_DEMO, naming the setting', () => {
    expect(() => smsSenderFromEnv(env({ YISHI_SMS_URL: 'not a url' }))).toThrow(/YISHI_SMS_URL/);
    expect(() => smsSenderFromEnv(env({ YISHI_SMS_URL: 'ftp://sms.example.cn/send' }))).toThrow(/YISHI_SMS_URL/);
    expect(() => smsSenderFromEnv(env({ YISHI_DEMO: 'yes' }))).toThrow(/YISHI_DEMO/);
  });
});
