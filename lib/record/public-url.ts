/**
 * Whether to warn at start about the address printed in records' QR codes and verification links. With
 * no YISHI_PUBLIC_URL the link is built from the address a page was opened with; on a server bound to
 * localhost (or opened as localhost on the laptop that runs it) that is `http://localhost:…`, which no
 * resident's phone can open — and the PDF carrying it is filed for years. Returns the warning or null.
 */
export function publicUrlWarning(publicUrl: string | undefined, host: string): string | null {
  if (publicUrl) {
    let url: URL | null = null;
    try {
      url = new URL(publicUrl);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return `YISHI_PUBLIC_URL is not an http(s) address (${publicUrl}): records' QR codes would not open.`;
    }
    return isLoopback(url.hostname)
      ? `YISHI_PUBLIC_URL points at this machine (${publicUrl}): records' QR codes will not open on anyone's phone.`
      : null;
  }
  if (isLoopback(host)) {
    return `YISHI_PUBLIC_URL is not set and the server listens on ${host}: records' QR codes and verification links will say localhost, which no phone can open. Set YISHI_PUBLIC_URL to the address residents use.`;
  }
  return null;
}

function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1';
}
