// Compares two versions of the public schema (SDL) with @graphql-inspector/core and
// applies the API's rule: nothing a client uses disappears or changes type without
// notice. A field, argument, input field or enum value leaves only after it was
// marked `@deprecated(reason: "... Removal after YYYY-MM-DD.")` and that date has
// passed; every deprecation names such a date.
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';

export interface SchemaFinding {
  /** Schema coordinate, e.g. `Order.code` or `OrderStatus.CANCELLED`. */
  path: string;
  message: string;
}

export interface SchemaCompatibility {
  /** Changes that break an existing client: the check fails on any of these. */
  breaking: SchemaFinding[];
  /** Changes a client may notice (a new enum value, a new optional argument): listed, not refused. */
  dangerous: SchemaFinding[];
  /** Additions and description changes. */
  safe: SchemaFinding[];
  /** Deprecated removals whose removal date had passed: allowed. */
  removedAfterDeprecation: SchemaFinding[];
  /** Deprecations without a removal date in their reason: the check fails on these too. */
  undatedDeprecations: SchemaFinding[];
}

const REMOVAL_DATE = /(\d{4}-\d{2}-\d{2})/;

/** The removal date named in a deprecation reason, or undefined. */
export function removalDate(reason: string | null | undefined): string | undefined {
  return reason ? REMOVAL_DATE.exec(reason)?.[1] : undefined;
}

/**
 * Checks `newSdl` against `oldSdl`. `today` (YYYY-MM-DD) decides whether a
 * deprecated element's removal date has passed.
 */
export async function checkSchemaCompatibility(oldSdl: string, newSdl: string, today: string): Promise<SchemaCompatibility> {
  const oldSchema = buildSchema(oldSdl);
  const newSchema = buildSchema(newSdl);
  const changes = await diff(oldSchema, newSchema);
  const result: SchemaCompatibility = { breaking: [], dangerous: [], safe: [], removedAfterDeprecation: [], undatedDeprecations: [] };
  for (const change of changes) {
    const finding = { path: change.path ?? '', message: change.message };
    if (change.criticality.level === CriticalityLevel.Breaking) {
      const date = isRemoval(change) ? removalDate(deprecationReason(oldSchema, finding.path)) : undefined;
      if (date && date <= today) result.removedAfterDeprecation.push({ ...finding, message: `${finding.message} (deprecated, removal after ${date})` });
      else result.breaking.push(finding);
    } else if (change.criticality.level === CriticalityLevel.Dangerous) result.dangerous.push(finding);
    else result.safe.push(finding);
  }
  result.undatedDeprecations = deprecations(newSchema)
    .filter((d) => !removalDate(d.reason))
    .map((d) => ({ path: d.path, message: `@deprecated reason names no removal date (YYYY-MM-DD): "${d.reason}"` }));
  return result;
}

function isRemoval(change: Change): boolean {
  return (
    change.type === ChangeType.FieldRemoved ||
    change.type === ChangeType.FieldArgumentRemoved ||
    change.type === ChangeType.InputFieldRemoved ||
    change.type === ChangeType.EnumValueRemoved
  );
}

/** The deprecation reason at a coordinate (`Type.field`, `Type.field.argument`, `Enum.VALUE`, `Input.field`) of the old schema. */
function deprecationReason(schema: GraphQLSchema, path: string): string | null | undefined {
  const [typeName, member, argument] = path.split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || !member) return undefined;
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason;
  if (isInputObjectType(type)) return type.getFields()[member]?.deprecationReason;
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[member];
    return argument ? field?.args.find((a) => a.name === argument)?.deprecationReason : field?.deprecationReason;
  }
  return undefined;
}

/** Every deprecated element of a schema with its reason. */
export function deprecations(schema: GraphQLSchema): { path: string; reason: string }[] {
  const found: { path: string; reason: string }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (value.deprecationReason != null) found.push({ path: `${type.name}.${value.name}`, reason: value.deprecationReason });
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (field.deprecationReason != null) found.push({ path: `${type.name}.${field.name}`, reason: field.deprecationReason });
    } else if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason != null) found.push({ path: `${type.name}.${field.name}`, reason: field.deprecationReason });
        for (const arg of field.args) if (arg.deprecationReason != null) found.push({ path: `${type.name}.${field.name}.${arg.name}`, reason: arg.deprecationReason });
      }
    }
  }
  return found;
}
