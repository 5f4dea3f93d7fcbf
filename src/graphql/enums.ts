// GraphQL enums from Prisma enums, with a description for every value: the
// value map is typed so a new Prisma enum value without a description fails to compile.
import { builder } from './builder.js';

export function describedEnum<const E extends Record<string, string>>(
  prismaEnum: E,
  name: string,
  description: string,
  values: { [K in keyof E]: string },
) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      Object.keys(prismaEnum).map((key) => [key, { value: prismaEnum[key], description: values[key as keyof E] }]),
    ) as { [K in keyof E]: { value: E[K]; description: string } },
  });
}
