// Checks on the HTTP request before GraphQL reads it: the body's declared size
// (413 above the limit), and which browser origins may open a WebSocket.
import type { Plugin } from 'graphql-yoga';

function jsonError(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

export function bodySizePlugin(maxBodyBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      if (declared === null) return;
      const length = Number(declared);
      if (!Number.isSafeInteger(length) || length > maxBodyBytes) {
        endResponse(jsonError(413, 'PAYLOAD_TOO_LARGE', `The request body may be at most ${maxBodyBytes} bytes.`));
      }
    },
  };
}

/** Whether a browser page of this origin may connect; ["*"] allows any, and non-browser clients send no Origin. */
export function originAllowed(origin: string | undefined, allowed: string[]): boolean {
  return !origin || allowed.includes('*') || allowed.includes(origin);
}
