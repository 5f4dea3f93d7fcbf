// The permission matrix as the README prints it, from the same data the API
// enforces: src/auth/permissions.ts plus the lifecycle tables that carry their own
// roles (order transitions, cancellation requests, customer activation, shipment steps). `npm run docs:permissions` writes it
// into README.md; a test fails when the README is behind.
import { FIELD_PERMISSIONS, MUTATION_PERMISSIONS, PERMISSIONS, ROLES, type Permission } from './permissions.js';

export interface RoleTableRow {
  mutation: string;
  roles: readonly string[];
}

const mark = (yes: boolean) => (yes ? '✓' : '·');

export function permissionMarkdown(tableRows: RoleTableRow[]): string {
  const header = `| permission | ${ROLES.join(' | ')} | mutations and fields |\n| --- | ${ROLES.map(() => ':-:').join(' | ')} | --- |`;
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map((permission) => {
    const { roles, description } = PERMISSIONS[permission];
    const covers = MUTATION_PERMISSIONS.filter(([, p]) => p === permission).map(([pattern]) => `\`${pattern}\``);
    const fields = FIELD_PERMISSIONS.filter(([, p]) => p === permission).map(([field]) => `\`${field}\``);
    const what = [description, covers.length ? `Mutations: ${covers.join(', ')}.` : '', fields.length ? `Fields: ${fields.join(', ')}.` : '']
      .filter(Boolean)
      .join(' ');
    return `| \`${permission}\` | ${ROLES.map((r) => mark((roles as readonly string[]).includes(r))).join(' | ')} | ${what} |`;
  });
  const transitions = [
    `| lifecycle mutation (roles from its table) | ${ROLES.join(' | ')} |`,
    `| --- | ${ROLES.map(() => ':-:').join(' | ')} |`,
    ...tableRows.map((row) => `| \`${row.mutation}\` | ${ROLES.map((r) => mark(row.roles.includes(r))).join(' | ')} |`),
  ];
  return [header, ...rows, '', transitions.join('\n')].join('\n');
}

export const README_START = '<!-- permissions:start (npm run docs:permissions) -->';
export const README_END = '<!-- permissions:end -->';

/** README text with the section between the markers replaced. */
export function withPermissionSection(readme: string, markdown: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${README_START} ... ${README_END}`);
  return `${readme.slice(0, start + README_START.length)}\n${markdown}\n${readme.slice(end)}`;
}
