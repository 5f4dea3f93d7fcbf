// Types from the running server: codegen introspects ORDERGRAPH_URL with the key.
// Decimal and DateTime are JSON strings (their @specifiedBy URLs say which format);
// without this mapping they would come out as `unknown`.
import type { CodegenConfig } from '@graphql-codegen/cli';

const url = process.env.ORDERGRAPH_URL ?? 'http://127.0.0.1:4000/graphql';
// The public demo key of `npm start`'s demo shop; use your own key elsewhere.
const key = process.env.ORDERGRAPH_KEY ?? 'og_demo_key_for_local_graphiql_only_0000';

const config: CodegenConfig = {
  // Or the SDL file the server publishes: `${url}/schema.graphql` (same headers).
  schema: [{ [url]: { headers: { Authorization: `Bearer ${key}` } } }],
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  importExtension: '.js',
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Documents as strings: sending them needs no GraphQL library at run time.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Decimal: 'string', DateTime: 'string', Date: 'string' },
      },
    },
  },
};

export default config;
