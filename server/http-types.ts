import type { IncomingMessage, ServerResponse } from 'node:http';

/** A JSON route: the parsed body (or the raw bytes for upload routes), query and :params. */
export type Handler = (req: IncomingMessage, body: unknown, res: ServerResponse, query: URLSearchParams, params: Record<string, string>) => Promise<unknown>;

/** A handler's answer that is not JSON (exports, downloads); `inline`: shown in the browser rather than downloaded. */
export class RawBody {
  constructor(readonly contentType: string, readonly body: string | Uint8Array, readonly filename?: string, readonly inline = false) {}
}
