// The house's rule, read from the imports: ground up, shared/config/logger -> db,
// events, auth -> GraphQL infrastructure and limits -> domain cores -> the demo
// shop -> domain faces -> http transports -> schema, loaders, app, main. A file
// never imports a higher layer; a domain core never imports GraphQL or transport
// code; only http/ and app.ts open sockets.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const DOMAINS = ['catalog', 'customers', 'documents', 'exports', 'inventory', 'orders', 'payments', 'promotions', 'reports', 'sales', 'shipments', 'webhooks'];

interface Layer {
  rank: number;
  name: string;
  /** A domain core (or auth's): no GraphQL, no transport. */
  core: boolean;
}

/** The layer of a file, by its path under src/. */
export function layerOf(path: string): Layer {
  const [top, second] = path.split('/');
  if (top === 'shared' || path === 'config.ts' || path === 'logger.ts') return { rank: 0, name: 'shared', core: false };
  if (top === 'db' || top === 'events') return { rank: 1, name: top, core: false };
  if (top === 'auth') return second === 'graphql' ? { rank: 5, name: 'face', core: false } : { rank: 1, name: 'auth', core: true };
  if (top === 'graphql' || top === 'limits') return { rank: 2, name: 'graphql', core: false };
  if (DOMAINS.includes(top!)) return second === 'graphql' ? { rank: 5, name: 'face', core: false } : { rank: 3, name: 'core', core: true };
  if (top === 'demo') return { rank: 4, name: 'demo', core: false };
  if (top === 'http') return { rank: 6, name: 'http', core: false };
  if (['schema.ts', 'loaders.ts', 'app.ts', 'main.ts'].includes(path)) return { rank: 7, name: 'top', core: false };
  throw new Error(`src/${path} is in no layer: add its folder to layerOf`);
}

const GRAPHQL_PACKAGES = /^(graphql|graphql-yoga|graphql-ws|@pothos\/.*|@graphql-yoga\/.*|@escape\.tech\/graphql-armor)(\/.*)?$/;
const SOCKET_MODULES = /^(node:)?(http|https|net)$|^ws$/;
const SOCKET_FILES = (path: string) => path.startsWith('http/') || path === 'app.ts';

/**
 * Imports that run against the order on purpose, each with its reason
 * ("importer -> imported", paths under src/).
 */
export const ALLOWED: Record<string, string> = {
  'webhooks/endpoint-address.ts -> node:net': 'BlockList and isIP only: address arithmetic to refuse private webhook URLs, no socket',
};

export interface Violation {
  from: string;
  to: string;
  rule: string;
}

/** Every import of every file (static, re-export and dynamic), as written. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

export function violations(files: Map<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [path, source] of files) {
    const from = layerOf(path);
    for (const spec of importsOf(source)) {
      let rule: string | undefined;
      let to = spec;
      if (spec.startsWith('.')) {
        to = relative(SRC, resolve(SRC, dirname(path), spec)).replace(/\.js$/, '.ts');
        if (to.startsWith('db/generated/')) continue;
        const target = layerOf(to);
        if (from.core && (target.rank === 2 || target.name === 'face' || target.name === 'http')) rule = 'a domain core imports GraphQL or transport code';
        else if (target.rank > from.rank) rule = `${from.name} (${from.rank}) imports the higher layer ${target.name} (${target.rank})`;
      } else if (from.core && GRAPHQL_PACKAGES.test(spec)) {
        rule = 'a domain core imports a GraphQL package';
      } else if (SOCKET_MODULES.test(spec) && !SOCKET_FILES(path)) {
        rule = 'only http/ and app.ts open sockets';
      }
      if (rule && !ALLOWED[`${path} -> ${to}`]) out.push({ from: path, to, rule });
    }
  }
  return out;
}

function sourceFiles(dir: string, files = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') sourceFiles(full, files);
    } else if (entry.name.endsWith('.ts')) files.set(relative(SRC, full), readFileSync(full, 'utf8'));
  }
  return files;
}

describe('layers', () => {
  const files = sourceFiles(SRC);

  it('puts every file of src/ in a layer', () => {
    for (const path of files.keys()) expect(() => layerOf(path), path).not.toThrow();
    expect(files.size).toBeGreaterThan(150);
  });

  it('has no import against the layer order, no GraphQL in a domain core and no socket outside http/', () => {
    expect(violations(files)).toEqual([]);
  });

  it('keeps every allowed exception in use (a stale one is removed)', () => {
    const used = new Set<string>();
    for (const [path, source] of files) {
      for (const spec of importsOf(source)) {
        if (spec.startsWith('.')) used.add(`${path} -> ${relative(SRC, resolve(SRC, dirname(path), spec)).replace(/\.js$/, '.ts')}`);
        else used.add(`${path} -> ${spec}`);
      }
    }
    expect(Object.keys(ALLOWED).filter((key) => !used.has(key))).toEqual([]);
  });

  it('gives every domain a GraphQL face with an index that only imports', () => {
    for (const domain of [...DOMAINS, 'auth']) {
      const index = files.get(`${domain}/graphql/index.ts`);
      expect(index, domain).toBeDefined();
      const code = index!.split('\n').filter((line) => line.trim() && !line.trim().startsWith('//'));
      expect(code.every((line) => /^import '\.\/[^']+\.js';$/.test(line)), domain).toBe(true);
    }
  });

  // The checker itself, on imports written here: each forbidden kind is caught.
  it.each([
    ['orders/order-pricing.ts', "import { builder } from '../graphql/builder.js';", 'a domain core imports GraphQL or transport code'],
    ['orders/order-pricing.ts', "import type { GraphQLError } from 'graphql';", 'a domain core imports a GraphQL package'],
    ['payments/payment-service.ts', "import './graphql/types.js';", 'a domain core imports GraphQL or transport code'],
    ['db/transaction.ts', "import { createApp } from '../app.js';", 'db (1) imports the higher layer top (7)'],
    ['graphql/ids.ts', "import { orderWhere } from '../orders/order-filters.js';", 'graphql (2) imports the higher layer core (3)'],
    ['orders/graphql/types.ts', "import { createAppYoga } from '../../http/yoga.js';", 'face (5) imports the higher layer http (6)'],
    ['events/fanout.ts', "import { createServer } from 'node:http';", 'only http/ and app.ts open sockets'],
    ['limits/cost-bucket.ts', "const ws = await import('ws');", 'only http/ and app.ts open sockets'],
  ])('catches %s with %s', (path, line, rule) => {
    const tampered = new Map(files);
    tampered.set(path, `${line}\n${files.get(path) ?? ''}`);
    expect(violations(tampered).map((v) => v.rule)).toContain(rule);
  });
});
