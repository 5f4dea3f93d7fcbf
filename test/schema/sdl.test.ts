import { readFileSync } from 'node:fs';
import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema, printSortedSchema } from '../../src/schema.js';

describe('the committed SDL', () => {
  it('matches the schema the code builds (run `npm run schema` after changing the API)', () => {
    const committed = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(printSortedSchema() === committed, 'schema/schema.graphql is stale: run `npm run schema` and commit it').toBe(true);
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(buildSchema().getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      } else if (isUnionType(type) && !type.description) {
        missing.push(type.name);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps internal references (seed documents, issue numbers) out of every description', () => {
    // Clients read these in the explorer's Docs panel; the seeds and the issue tracker are internal.
    const internal = [/\bseed \d{3}\b/i, /\bseeds?:\s*\d{3}\b/i, /\bissue #?\d+\b/i, /(^|[\s(])#\d+\b/];
    const leaks = describedTexts(buildSchema())
      .filter(([, text]) => internal.some((pattern) => pattern.test(text)))
      .map(([where, text]) => `${where}: ${text}`);
    expect(leaks).toEqual([]);
  });
});

/** Every description and deprecation reason of the schema, with where it is. */
function describedTexts(schema: GraphQLSchema): [string, string][] {
  const texts: [string, string][] = [];
  const add = (where: string, text: string | null | undefined) => {
    if (text) texts.push([where, text]);
  };
  add('schema', schema.description);
  for (const directive of schema.getDirectives()) {
    add(`@${directive.name}`, directive.description);
    for (const arg of directive.args) add(`@${directive.name}(${arg.name})`, arg.description);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    add(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(`${type.name}.${field.name}`, field.description);
        add(`${type.name}.${field.name} (deprecation)`, field.deprecationReason);
        for (const arg of field.args) {
          add(`${type.name}.${field.name}(${arg.name})`, arg.description);
          add(`${type.name}.${field.name}(${arg.name}) (deprecation)`, arg.deprecationReason);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(`${type.name}.${field.name}`, field.description);
        add(`${type.name}.${field.name} (deprecation)`, field.deprecationReason);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        add(`${type.name}.${value.name}`, value.description);
        add(`${type.name}.${value.name} (deprecation)`, value.deprecationReason);
      }
    }
  }
  return texts;
}
