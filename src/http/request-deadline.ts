// REQUEST_TIMEOUT_MS: a query that has not finished by then is answered with a
// TIMEOUT error (retryAfter in extensions; HTTP 503 with Retry-After, as nothing of
// it came back). Its statements stop at their own budget (DB_READ_TIMEOUT_MS).
// Mutations are not cut short: an answer must not say "stopped" while the
// transaction may still commit; they are bounded by DB_WRITE_TIMEOUT_MS and the
// transaction's own limits (transaction.ts). Subscriptions live as long as they are wanted.
import { GraphQLError, getOperationAST, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import { DatabaseTimeoutError } from '../shared/errors.js';

export function requestDeadlinePlugin(timeoutMs: number): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (timeoutMs <= 0) return;
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      setExecuteFn(async (execArgs: ExecutionArgs) => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => {
            const ctx = execArgs.contextValue as Partial<Context>;
            ctx.log?.warn({ timeoutMs }, 'request deadline passed: answered TIMEOUT');
            const fault = new DatabaseTimeoutError(undefined, `The request took longer than ${timeoutMs} ms and was stopped. Retry later, or ask for less.`);
            resolve({ errors: [new GraphQLError(fault.message, { extensions: { code: fault.code, retryAfter: fault.retryAfterSeconds } })] });
          }, timeoutMs);
          timer.unref?.();
        });
        try {
          return await Promise.race([executeFn(execArgs) as Promise<ExecutionResult>, deadline]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
