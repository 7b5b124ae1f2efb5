import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, createGzip } from 'node:zlib';

/**
 * The resident's phone pages are painted before their scripts are fetched and run.
 *
 * Next renders its chunks as `<script async>` in <head>: they are requested while the page is parsed,
 * share a weak connection with it, and one that arrives before the first frame runs before it — on a slow
 * phone with the chunks in its cache (a second visit, a reload) the form waits behind the framework's
 * evaluation. Lighthouse's simulated mobile load (bench:phone, the figures of issue 10) counts every script
 * downloaded before the first paint into the largest contentful paint, which on a fast machine is all of
 * them: the join page's LCP was 0.7 s or 2.1 s by a race of milliseconds. Next 16 has no setting for how it
 * loads its scripts (vercel/next.js#66958), so the HTML is rewritten on its way out: each such script (and
 * Next's preload of one) becomes a call that adds it once the first contentful paint is reported;
 * browsers without paint timing add them after the first frame, and every browser after 3 s at the latest
 * (a page opened in a background tab is not painted). The cost is one round trip before the scripts
 * start: on bench:phone's applied slow-4G throttling the pages answer a tap ~150 ms later (TTI), and the
 * form is on the screen for all that time.
 *
 * Next compresses its own answers; a rewritten page is asked for uncompressed and gzipped here instead,
 * flushed after every chunk so a streamed page still streams.
 */
export function paintFirst(req: IncomingMessage, res: ServerResponse, nonce: string): void {
  // A browser's navigation only: Next's client-side fetches of the same paths (the rsc header) stay Next's.
  if (req.method !== 'GET' || !PHONE_PAGE.test(req.url ?? '') || req.headers.rsc || !/text\/html/.test(String(req.headers.accept ?? ''))) return;
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  delete req.headers['accept-encoding'];

  const write = res.write.bind(res) as (chunk: unknown, cb?: () => void) => boolean;
  const end = res.end.bind(res) as (cb?: () => void) => ServerResponse;
  const flushHeaders = res.flushHeaders.bind(res);
  // Decided when Next sends its headers (it flushes them before the first chunk): only an HTML answer is
  // rewritten (null: anything else, or headers that went out some other way, passes through as it is).
  let decided = false;
  let sink: { write(text: string): void; end(cb?: () => void): void } | null = null;
  const open = () => {
    if (decided) return sink;
    decided = true;
    if (res.headersSent || !/^text\/html/.test(String(res.getHeader('content-type') ?? ''))) return null;
    res.removeHeader('content-length');
    const rewrite = scriptDeferrer(nonce);
    if (!gzip) {
      sink = { write: (text) => void write(rewrite.push(text)), end: (cb) => { write(rewrite.end()); end(cb); } };
      return sink;
    }
    res.setHeader('Content-Encoding', 'gzip');
    const z = createGzip();
    z.on('data', (b: Buffer) => write(b));
    sink = {
      write: (text) => { z.write(rewrite.push(text)); z.flush(constants.Z_SYNC_FLUSH); },
      end: (cb) => { z.end(rewrite.end()); z.once('end', () => end(cb)); },
    };
    return sink;
  };
  const decoder = new TextDecoder();
  const text = (chunk: unknown) => (typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
  const callback = (args: unknown[]) => args.find((a): a is () => void => typeof a === 'function');

  res.flushHeaders = () => {
    open();
    flushHeaders();
  };
  // Always "written": a page is small and the gzip stream buffers it; Next waits for 'drain' on false.
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    const s = open();
    if (!s) return write(chunk, callback(rest));
    s.write(text(chunk));
    callback(rest)?.();
    return true;
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    const s = open();
    const chunk = typeof args[0] === 'function' ? undefined : args[0];
    if (!s) {
      if (chunk) write(chunk);
      return end(callback(args));
    }
    s.write((chunk ? text(chunk) : '') + decoder.decode());
    s.end(callback(args));
    return res;
  }) as typeof res.end;
}

/** The pages of app/(join) and app/(phone): the join link and form, the meeting, an observer's and a remote member's link. */
const PHONE_PAGE = /^\/(j\/|m\/|o\/|r\/|join(?:[/?]|$))/;

/** Adds the queued scripts once the first contentful paint is reported (see paintFirst). ES5: old phones. */
const LOADER =
  '(function(w,d){var q=[],go=0;' +
  "function add(u){var s=d.createElement('script');s.src=u;s.async=true;d.head.appendChild(s)}" +
  'function run(){if(go)return;go=1;for(var i=0;i<q.length;i++)add(q[i]);q=[]}' +
  'w.__yishiLater=function(u){go?add(u):q.push(u)};' +
  'var P=w.PerformanceObserver;' +
  "if(P&&P.supportedEntryTypes&&P.supportedEntryTypes.indexOf('paint')>=0)" +
  "new P(function(l){var e=l.getEntries();for(var i=0;i<e.length;i++)if(e[i].name==='first-contentful-paint')run()}).observe({type:'paint',buffered:true});" +
  'else (w.requestAnimationFrame||setTimeout)(function(){setTimeout(run,0)});' +
  'setTimeout(run,3000)})(window,document)';

const ASYNC_SCRIPT = /<script\b([^>]*)><\/script>/g;
const SCRIPT_PRELOAD = /<link rel="preload" as="script"[^>]*\/>/g;

/**
 * The text rewrite of paintFirst, chunk by chunk as the page streams: the loader goes first in <head>,
 * each `<script src async>` becomes a call that queues it, and a script's preload is dropped. A tag cut
 * by a chunk boundary waits for the next chunk; anything else passes through as it came.
 */
export function scriptDeferrer(nonce: string): { push(text: string): string; end(): string } {
  const n = ` nonce="${nonce}"`;
  let carry = '';
  let loaderSent = false;
  const rewrite = (html: string) => {
    if (!loaderSent) {
      const head = html.indexOf('<head>');
      if (head < 0) return html;
      loaderSent = true;
      const at = head + '<head>'.length;
      html = `${html.slice(0, at)}<script${n}>${LOADER}</script>${html.slice(at)}`;
    }
    return html.replace(SCRIPT_PRELOAD, '').replace(ASYNC_SCRIPT, (tag, attrs: string) => {
      const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
      if (!src || !/\basync=""/.test(attrs) || /\b(type|nomodule)=/i.test(attrs)) return tag;
      return `<script${n}>__yishiLater(${JSON.stringify(src)})</script>`;
    });
  };
  return {
    push(text) {
      const all = carry + text;
      // Hold back from an unfinished tag: a '<' with no '>' after it, or a <script> not yet closed.
      const lt = all.lastIndexOf('<');
      const openTag = lt >= 0 && all.indexOf('>', lt) < 0 ? lt : all.length;
      const script = all.lastIndexOf('<script');
      const openScript = script >= 0 && all.indexOf('</script>', script) < 0 ? script : all.length;
      const cut = Math.min(openTag, openScript);
      carry = all.slice(cut);
      return rewrite(all.slice(0, cut));
    },
    end() {
      const rest = carry;
      carry = '';
      return rewrite(rest);
    },
  };
}
