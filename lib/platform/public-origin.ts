/**
 * The origin printed into QR codes that leave the building (board posters): the configured public URL
 * when there is one, else the origin the request came to (a hall server on the LAN).
 */
export function publicOrigin(configured: string | undefined, headers: { get(name: string): string | null }): string {
  if (configured) return new URL(configured).origin;
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost';
  const proto = headers.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}
