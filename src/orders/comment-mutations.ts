// Entry of the order comment mutations (one file each under mutations/), imported by src/graphql/schema.ts.
import './mutations/comment-add.js';
import './mutations/comment-delete.js';
