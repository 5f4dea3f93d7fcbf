// Used by `prisma generate` only: migrations are our own SQL files (src/db/migrate.ts).
import { defineConfig } from 'prisma/config';

export default defineConfig({ schema: 'prisma/schema.prisma' });
