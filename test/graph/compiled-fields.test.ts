// Which fields a compiled read answers in SQL and which send the document to the
// executor, as a committed list: a field that leaves the fast path (or joins it)
// changes schema/compiled-fields.txt, so it shows in review. `npx vitest run
// test/graph/compiled-fields.test.ts -u` rewrites the file after a deliberate change.
import { describe, expect, it } from 'vitest';
import { getDatamodel } from '../../src/db/generated/pothos-types.js';
import { readColumnCatalog } from '../../src/graphql/compiled-reads/column-catalog.js';
import { sqlForms } from '../../src/graphql/compiled-reads/compile.js';
import { buildSchema } from '../../src/schema.js';
import { testApp } from '../support/app.js';

describe('fields with a SQL form', () => {
  it('are the ones schema/compiled-fields.txt lists', async () => {
    const { fixtures } = await testApp();
    const lines = sqlForms(buildSchema(), getDatamodel(), await readColumnCatalog(fixtures.sql));
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('../../schema/compiled-fields.txt');
  });

  it('include the order list, its plain columns and the computed fields that declare a SQL form, and not the others', async () => {
    const { fixtures } = await testApp();
    const forms = new Map(
      sqlForms(buildSchema(), getDatamodel(), await readColumnCatalog(fixtures.sql)).map((line) => {
        const at = line.indexOf(': ');
        return [line.slice(0, at), line.slice(at + 2)];
      }),
    );
    expect(forms.get('Query.orders')).toBe('sql connection with totalCount');
    expect(forms.get('Order.code')).toBe('sql');
    expect(forms.get('Order.id')).toBe('sql');
    expect(forms.get('Order.amountDue')).toBe('sql');
    expect(forms.get('Order.itemCount')).toBe('sql');
    expect(forms.get('Order.availableTransitions')).toBe('sql');
    expect(forms.get('Order.recipient')).toMatch(/^executor: /);
  });
});
