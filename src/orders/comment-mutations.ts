// Entry of the order comment mutations (one file each under mutations/), imported by src/graphql/schema.ts.
import './graphql/mutations/comment-add.js';
import './graphql/mutations/comment-delete.js';
