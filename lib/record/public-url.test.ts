import { describe, expect, it } from 'vitest';
import { publicUrlWarning } from './public-url';

describe('publicUrlWarning', () => {
  it('warns when YISHI_PUBLIC_URL is unset and the server listens on localhost or 127.0.0.1', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'LOCALHOST']) {
      expect(publicUrlWarning(undefined, host), host).toMatch(/YISHI_PUBLIC_URL is not set/);
    }
  });

  it('stays quiet when the public URL is set, or the server listens on a real interface', () => {
    expect(publicUrlWarning('https://yishi.guihu.gov.cn', '127.0.0.1')).toBeNull();
    expect(publicUrlWarning(undefined, '0.0.0.0')).toBeNull();
    expect(publicUrlWarning(undefined, '192.168.1.20')).toBeNull();
  });

  it('warns about a public URL no phone can open', () => {
    expect(publicUrlWarning('http://localhost:3000', '0.0.0.0')).toMatch(/points at this machine/);
    expect(publicUrlWarning('yishi.guihu.gov.cn', '0.0.0.0')).toMatch(/not an http\(s\) address/);
  });
});
