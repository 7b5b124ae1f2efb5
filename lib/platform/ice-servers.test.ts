import { describe, expect, it } from 'vitest';
import { iceServersFromEnv } from './ice-servers';

describe('ICE servers from the environment', () => {
  it('none by default (a hall LAN needs none); empty settings are unset', () => {
    expect(iceServersFromEnv({})).toEqual([]);
    expect(iceServersFromEnv({ YISHI_ICE_SERVERS: '', YISHI_TURN_URL: '' })).toEqual([]);
  });
  it('a JSON list, or STUN and TURN settings with credentials', () => {
    expect(iceServersFromEnv({ YISHI_ICE_SERVERS: '[{"urls":["stun:a.example:3478"]},{"urls":"turn:a.example:3478","username":"u","credential":"p"}]' }))
      .toEqual([{ urls: ['stun:a.example:3478'] }, { urls: 'turn:a.example:3478', username: 'u', credential: 'p' }]);
    expect(iceServersFromEnv({ YISHI_STUN_URL: 'stun:s.example', YISHI_TURN_URL: 'turns:t.example:5349', YISHI_TURN_USERNAME: 'u', YISHI_TURN_CREDENTIAL: 'p' }))
      .toEqual([{ urls: 'stun:s.example' }, { urls: 'turns:t.example:5349', username: 'u', credential: 'p' }]);
  });
  it('refuses what is not an ICE server, at start rather than in a browser mid-meeting', () => {
    expect(() => iceServersFromEnv({ YISHI_ICE_SERVERS: 'nope' })).toThrow(/not JSON/);
    expect(() => iceServersFromEnv({ YISHI_ICE_SERVERS: '[{"urls":"http://x"}]' })).toThrow(/invalid/);
    expect(() => iceServersFromEnv({ YISHI_TURN_URL: 'turn:x', YISHI_TURN_USERNAME: 'u'.repeat(300) })).toThrow(/invalid/);
  });
});
