// REQUEST_TIMEOUT_MS: a query that has not finished by then is answered with a
// TIMEOUT error (retryAfter in extensions; HTTP 503 with Retry-After, as nothing of
// it came back), and the statements it still runs are cancelled on PostgreSQL
// (db/query-cancel.ts): its answer has gone, so nothing keeps a backend busy for it.
// Mutations are not cut short: an answer must not say "stopped" while the
// transaction may still commit; they are bounded by DB_WRITE_TIMEOUT_MS and the
// transaction's own limits (transaction.ts). Subscriptions live as long as they are wanted.
import { GraphQLError, getOperationAST, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import { CancellationScope, withCancellation } from '../db/query-cancel.js';
import { DatabaseTimeoutError } from '../shared/errors.js';

export function requestDeadlinePlugin(timeoutMs: number): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (timeoutMs <= 0) return;
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      setExecuteFn(async (execArgs: ExecutionArgs) => {
        let timer: NodeJS.Timeout | undefined;
        const scope = new CancellationScope();
        const deadline = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => {
            const ctx = execArgs.contextValue as Partial<Context>;
            const cancelled = scope.cancel();
            ctx.log?.warn({ timeoutMs, cancelled }, 'request deadline passed: answered TIMEOUT, its statements cancelled');
            const fault = new DatabaseTimeoutError(undefined, `The request took longer than ${timeoutMs} ms and was stopped. Retry later, or ask for less.`);
            resolve({ errors: [new GraphQLError(fault.message, { extensions: { code: fault.code, retryAfter: fault.retryAfterSeconds } })] });
          }, timeoutMs);
          timer.unref?.();
        });
        try {
          const execution = withCancellation(scope, async () => (await executeFn(execArgs)) as ExecutionResult);
          // What the execution does after the deadline (a cancelled statement's error) goes nowhere.
          execution.catch(() => {});
          return await Promise.race([execution, deadline]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
