// Structured JSON logs (one object per line) for log shippers; pipe through
// `npx pino-pretty` to read them locally.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ordergraph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Defence in depth: nothing should log headers, but if it does, keys stay out.
      redact: { paths: ['authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
