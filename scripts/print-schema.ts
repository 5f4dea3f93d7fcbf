// npm run schema: rewrites schema/schema.graphql from the code (the drift test compares them).
import { writeFileSync } from 'node:fs';
import { printSortedSchema } from '../src/schema.js';

const file = new URL('../schema/schema.graphql', import.meta.url);
writeFileSync(file, printSortedSchema());
console.log('wrote schema/schema.graphql');
