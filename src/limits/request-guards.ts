// Checks on the HTTP request before GraphQL reads it: the body's declared size
// (413 above the limit), and which browser origins may open a WebSocket.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function jsonError(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * The one body size limit (Yoga's own is switched off in app.ts). A declared length is
 * checked at once, and Node's HTTP parser reads no further than it; only a body without
 * one (chunked) is counted as it arrives, where Yoga would wrap every body in a counting
 * stream, a few percent of the server's CPU per request.
 */
export function bodySizePlugin(maxBodyBytes: number): Plugin {
  const tooLarge = () => jsonError(413, 'PAYLOAD_TOO_LARGE', `The request body may be at most ${maxBodyBytes} bytes.`);
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      if (declared === null) return;
      const length = /^\d+$/.test(declared) ? Number(declared) : NaN;
      if (!Number.isSafeInteger(length) || length > maxBodyBytes) endResponse(tooLarge());
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.headers.get('content-length') !== null || !request.body || !requestParser) return;
      setRequestParser((req) => {
        let read = 0;
        const counted = req.body!.pipeThrough(
          new fetchAPI.TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              read += chunk.byteLength;
              if (read > maxBodyBytes) controller.error(new BodyTooLargeError(maxBodyBytes));
              else controller.enqueue(chunk);
            },
          }),
        );
        return requestParser(new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, body: counted, duplex: 'half' } as RequestInit));
      });
    },
  };
}

/** Thrown into a chunked body that grows past the limit; Yoga answers 413 with its code. */
class BodyTooLargeError extends GraphQLError {
  constructor(maxBodyBytes: number) {
    super(`The request body may be at most ${maxBodyBytes} bytes.`, { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } });
  }
}

/** Whether a browser page of this origin may connect; ["*"] allows any, and non-browser clients send no Origin. */
export function originAllowed(origin: string | undefined, allowed: string[]): boolean {
  return !origin || allowed.includes('*') || allowed.includes(origin);
}
