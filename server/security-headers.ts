import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EMBED_PLAYER_ORIGINS } from '../components/meeting/phone/livestream-embed';

/**
 * The browser-facing security headers, for every response of the one HTTP server (pages, static
 * files, the API, plain-text refusals): set here and nowhere else.
 *
 * - No one may frame the console (clickjacking): `frame-ancestors 'none'`, and X-Frame-Options for
 *   browsers that predate CSP 2.
 * - nosniff: an uploaded file or an export is never run as a script or page.
 * - Referrer-Policy same-origin: join, invitation, observer and record links carry their token in the
 *   path; no other site learns them from a link followed out of a page (the livestream button).
 */
const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
} as const;

/** JSON, downloads and plain-text answers: nothing in them may load or run anything. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The pages' policy. Scripts need this request's nonce ('strict-dynamic' then trusts the chunks Next's
 * nonced scripts load): an injected <script> or inline handler does not run. No 'unsafe-eval' outside
 * `next dev` (React's dev build evaluates code for its debug stacks; the production build does not).
 *
 * Styles allow 'unsafe-inline': React renders `style` attributes (bars, QR sizes, writers' colours)
 * and the minutes editor (Tiptap) injects its own <style>; a nonce cannot cover style attributes, and
 * styles do not run code. connect-src 'self' covers same-origin ws:/wss: (CSP 3) for Socket.IO and the
 * minutes' Yjs socket. No upgrade-insecure-requests: a hall server is often plain http on the Wi-Fi.
 */
export function pagePolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The recorder's visits page registers a same-origin service worker (public/visits-sw.js) so it opens
    // offline; without this, worker-src falls back to script-src, where 'strict-dynamic' ignores 'self'.
    "worker-src 'self'",
    // The remote view embeds the meeting's livestream from these players only.
    `frame-src ${EMBED_PLAYER_ORIGINS.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Next's build output under /_next/static/ (scripts, styles, fonts: hashed names, cached for good) is
 * never a document: a policy, a framing rule or a referrer rule on it does nothing (CSP governs documents
 * and workers, and no worker is loaded from there). Only nosniff matters, so they get only that: the
 * other headers cost ~0.5 KB on each of the dozen scripts a resident's phone loads on a weak network.
 */
export function isBuildAsset(url: string): boolean {
  // Strictly the build's own names: no escapes and no `..` (/_next/static/%2e%2e/%2e%2e/login is the
  // login page, which must keep every header).
  const path = url.split('?')[0]!;
  return /^\/_next\/static\/[\w.\/-]+$/.test(path) && !path.split('/').includes('..');
}

/** Headers every response gets first; the API and the pages then add their own policy. */
export function setBaseHeaders(res: ServerResponse, url: string): void {
  if (isBuildAsset(url)) return void res.setHeader('X-Content-Type-Options', 'nosniff');
  for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
  res.setHeader('Content-Security-Policy', API_POLICY);
}

/**
 * Before Next answers: a fresh nonce per request. Next reads the nonce from the *request's*
 * Content-Security-Policy header (what a proxy.ts would forward) and puts it on every script it
 * renders; the response carries the same policy. Any policy a client sent is replaced. The nonce
 * forces pages to be rendered per request — this app's pages are all dynamic already (the root
 * layout reads the locale from the request). Returns the nonce, for what else writes scripts into the page.
 */
export function preparePageRequest(req: IncomingMessage, res: ServerResponse, dev: boolean): string {
  const nonce = randomBytes(16).toString('base64');
  const policy = pagePolicy(nonce, dev);
  req.headers['content-security-policy'] = policy;
  delete req.headers['content-security-policy-report-only'];
  res.setHeader('Content-Security-Policy', policy);
  return nonce;
}
