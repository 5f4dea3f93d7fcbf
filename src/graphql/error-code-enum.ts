// The enum ErrorCode: every code a client can meet, from src/shared/error-codes.ts.
// Error.code stays a String (typing it as this enum would be a breaking change, and
// an unlisted code would fail to serialise); this enum is where clients find them all.
import { builder } from './builder.js';
import { ERROR_CODES } from '../shared/error-codes.js';

export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  description:
    'Every error code of the API. A typed error result (the Error interface) carries one in `code`; a response error carries one in `errors[].extensions.code`. Each value says where it appears.',
  values: Object.fromEntries(
    Object.entries(ERROR_CODES).map(([code, info]) => [
      code,
      { value: code, description: `${info.where === 'RESULT' ? 'Typed result (Error.code)' : 'Response error (extensions.code)'}: ${info.description}` },
    ]),
  ),
});
