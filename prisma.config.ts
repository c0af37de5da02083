import { defineConfig } from 'prisma/config';

// scripts/prisma.mjs loads .env and points PRISMA_SCHEMA_ENGINE_BINARY at the stand-in engine.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
