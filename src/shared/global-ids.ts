// Database ids are integers; GraphQL ids are global ("Order:12", base64). These
// turn a decoded id into an integer or an InputError, never a driver error.
import { InputError } from './errors.js';

export function parseIntId(id: string | number, typename = 'object'): number {
  const value = typeof id === 'number' ? id : /^\d{1,10}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new InputError(`Invalid ${typename} id "${String(id).slice(0, 40)}"`);
  }
  return value;
}

/** The integer behind a global id argument, checking it names the expected type. */
export function decodeIdArg(arg: { typename: string; id: string } | string, typename: string): number {
  if (typeof arg === 'string') return parseIntId(arg, typename);
  if (arg.typename !== typename) throw new InputError(`Expected a ${typename} id, got a ${arg.typename} id`);
  return parseIntId(arg.id, typename);
}
