// graphql-js parses nested selections, lists and objects recursively: a few
// kilobytes of "[[[[..." exhaust the stack before the token limit is reached, and
// the client would get "Unexpected error.". The document's tokens are scanned
// first (a loop, no recursion), and one nested deeper than the limit is refused
// as a parse error.
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** The deepest nesting of braces, brackets and parentheses, counted until it passes `stopAbove` or the lexer fails (the parser reports that). */
export function nestingDepth(source: string | Source, stopAbove: number): number {
  const body = typeof source === 'string' ? source : source.body;
  // Fewer opening characters than the limit (most documents): no need to lex.
  let openings = 0;
  for (let i = 0; i < body.length && openings <= stopAbove; i++) {
    const c = body.charCodeAt(i);
    if (c === 123 || c === 91 || c === 40) openings++;
  }
  if (openings <= stopAbove) return openings;
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let depth = 0;
  let deepest = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (OPENING.has(token.kind)) deepest = Math.max(deepest, ++depth);
      else if (CLOSING.has(token.kind)) depth--;
      if (deepest > stopAbove) break;
    }
  } catch {
    // A syntax error: the parser reports it with its location.
  }
  return deepest;
}

export function nestingLimitPlugin(maxNesting: number): Plugin {
  return {
    onParse({ params }) {
      const depth = nestingDepth(params.source, maxNesting);
      if (depth > maxNesting) {
        throw new GraphQLError(`Syntax Error: Nesting limit of ${maxNesting} exceeded.`, {
          extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400, spec: true } },
        });
      }
    },
  };
}
