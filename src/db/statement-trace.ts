// A hook around each SQL statement sent to the database, for tracing (src/http/tracing.ts
// installs one when traces are exported). Nothing here knows about a tracer: without
// an installed hook a statement costs one check of an undefined variable.
//
// Why a hook and not an auto-instrumentation (@opentelemetry/instrumentation-pg,
// @prisma/instrumentation): those patch `pg` when it is first imported, which under
// ESM needs a loader hook (`--import` of a register module before the app), and the
// test harness shares one open database between apps; a hook on the connections this
// module opens works the same in the server, in tests and on PGlite.

/** Runs one statement (run) inside whatever the tracer wraps it with; sql is the statement's text. */
export type StatementTracer = <T>(sql: string, run: () => Promise<T>) => Promise<T>;

let tracer: StatementTracer | undefined;

/** Installs a tracer for every database of this process; the function returned removes it again. */
export function traceStatements(given: StatementTracer): () => void {
  tracer = given;
  return () => {
    if (tracer === given) tracer = undefined;
  };
}

type QueryFn = (...args: any[]) => any;

/**
 * Wraps a pg-style query function: promise-style calls (no callback, no submittable
 * such as a cursor) run inside the tracer; the others pass through untouched.
 */
export function tracedQuery<F extends QueryFn>(query: F): F {
  return function (this: unknown, ...args: unknown[]) {
    const current = tracer;
    const first = args[0] as { text?: string; submit?: unknown } | string | undefined;
    if (!current || args.some((a) => typeof a === 'function') || (typeof first === 'object' && typeof first?.submit === 'function')) {
      return query.apply(this, args);
    }
    const sql = typeof first === 'string' ? first : (first?.text ?? '');
    return current(sql, () => query.apply(this, args));
  } as F;
}
