// The documents domain's GraphQL face: imported once by src/schema.ts; it only imports.
import './types.js';
import './mutations/documents-print.js';
