// Writes the permission matrix into README.md between its markers, from the data
// the API enforces (test/auth/permissions.test.ts fails when the README is behind).
import { readFileSync, writeFileSync } from 'node:fs';
import { permissionMarkdown, withPermissionSection } from '../src/auth/permission-docs.js';
import { transitionRoleRows } from '../src/orders/graphql/transition-permissions.js';
// Every domain's face, so each lifecycle has registered the roles of its mutations.
import '../src/schema.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withPermissionSection(readFileSync(path, 'utf8'), permissionMarkdown(transitionRoleRows())));
console.log('wrote the permission matrix into README.md');
