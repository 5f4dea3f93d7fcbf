// The exports' GraphQL face: imported once by src/schema.ts; it only imports.
import './types.js';
import './subscriptions.js';
import './mutations/export-create.js';
