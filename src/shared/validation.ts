// Collects every problem with the input, with its field path, before anything is
// written; `throwIfAny` turns them into one ValidationError.
import { ValidationError, type ValidationProblem } from './errors.js';

export type InputPath = ReadonlyArray<string | number>;

export class Problems {
  readonly list: ValidationProblem[] = [];

  add(path: InputPath, message: string): this {
    this.list.push({ path: path.map(String), message });
    return this;
  }

  /** Adds the problem when `ok` is false; returns `ok` so callers can skip dependent checks. */
  check(ok: boolean, path: InputPath, message: string): boolean {
    if (!ok) this.add(path, message);
    return ok;
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(): void {
    if (this.list.length) throw new ValidationError(this.list);
  }
}

/** Trimmed text or a problem: required, at most `max` characters, no control characters. */
export function checkText(problems: Problems, path: InputPath, value: string | null | undefined, options: { required?: boolean; max?: number } = {}): string | undefined {
  const max = options.max ?? 200;
  if (value === null || value === undefined) {
    if (options.required) problems.add(path, 'is required');
    return undefined;
  }
  const text = value.trim();
  if (options.required && !text) problems.add(path, 'must not be empty');
  else if (text.length > max) problems.add(path, `must be at most ${max} characters`);
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) problems.add(path, 'must not contain control characters');
  return text;
}
