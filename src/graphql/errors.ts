// GraphQL shapes of the DomainError classes: an `Error` interface and one object
// type per class, used through plugin-errors' `errors: { types: [...] }` on mutations.
import { builder } from './builder.js';
import { DomainError, NotFoundError, ValidationError, type ValidationProblem } from '../shared/errors.js';

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'An expected failure the client can act on. `code` is stable; `message` is for people.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable machine-readable code, e.g. NOT_FOUND.' }),
    message: t.exposeString('message', { description: 'Human-readable explanation.' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object does not exist or belongs to another tenant.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
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

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused; `problems` lists every problem found, nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    problems: t.field({ type: [ValidationProblemRef], resolve: (e) => e.problems, description: 'Every problem found.' }),
  }),
});
