/**
 * The HTTP server around the API app. Requests Node itself refuses before express sees them
 * (a malformed request line or header) get the error JSON too, never Node's bare 400; a
 * request without Host reaches express, whose Host check refuses it like any unknown name.
 */
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type express from 'express';

/** The status line and error JSON for a request Node's parser refused (no request id: no request was read). */
function clientErrorAnswer(err: Error): { line: string; body: string } {
  const code = (err as { code?: unknown }).code;
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { line: '431 Request Header Fields Too Large', body: JSON.stringify({ error: { code: 'headers_too_large', message: 'the request headers are too large' } }) };
  }
  return { line: '400 Bad Request', body: JSON.stringify({ error: { code: 'bad_request', message: 'malformed HTTP request' } }) };
}

/** An http.Server for the API app; `listen` it where the composition root says. */
export function createApiServer(app: express.Express): Server {
  const server = createServer({ requireHostHeader: false }, app);
  server.on('clientError', (err: Error, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const { line, body } = clientErrorAnswer(err);
    socket.end(
      `HTTP/1.1 ${line}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      "X-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n" +
      `Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}
