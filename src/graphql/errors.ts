// GraphQL shapes of the DomainError classes: an `Error` interface and one object
// type per class, used through plugin-errors' `errors: { types: [...] }` on mutations.
import { builder } from './builder.js';
import './error-code-enum.js';
import { DomainError, NotFoundError, ValidationError, type ValidationProblem } from '../shared/errors.js';

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'An expected failure the client can act on. `code` is stable; `message` is for people.',
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Stable machine-readable code, e.g. NOT_FOUND: one of the values of the enum ErrorCode (a String, so that a code added later never fails a response).',
    }),
    message: t.exposeString('message', { description: 'Human-readable explanation.' }),
  }),
});

errorType(NotFoundError, {
  description: 'The object does not exist or belongs to another tenant.',
  fields: (t) => ({
    entity: t.exposeString('entity', { description: 'Kind of object that was looked for.' }),
    id: t.exposeString('id', { description: 'The id that was not found.' }),
  }),
});

const ValidationProblemRef = builder.objectRef<ValidationProblem>('ValidationProblem').implement({
  description: 'One problem with the input, with the path of the field it concerns.',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'Path of the input field, e.g. ["items", "0", "quantity"].' }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

errorType(ValidationError, {
  description: 'The input was refused; `problems` lists every problem found, nothing was written.',
  fields: (t) => ({
    problems: t.field({ type: [ValidationProblemRef], resolve: (e) => e.problems, description: 'Every problem found.' }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type ErrorTypeOptions<T extends DomainError> = Omit<PothosSchemaTypes.ObjectTypeOptions<Types, T>, 'interfaces' | 'isTypeOf' | 'name'> & {
  /** GraphQL name; the class name when left out. */
  name?: string;
};

/** The GraphQL type of a DomainError class: implements Error, recognised by instanceof. */
export function errorType<T extends DomainError>(cls: new (...args: never[]) => T, options: ErrorTypeOptions<T>) {
  return builder.objectType(cls, {
    ...options,
    name: options.name ?? cls.name,
    interfaces: [ErrorInterface],
    isTypeOf: (value: unknown) => value instanceof cls,
    // Pothos' option types for class-based refs do not line up with a generic T; the shape is checked by ErrorTypeOptions.
  } as never);
}
