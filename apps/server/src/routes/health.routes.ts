import { HealthAnswer } from '@huzhu/core';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/dialect.ts';
import { typed } from './route-kit.ts';

export function healthRoutes(app: FastifyInstance, handle: DbHandle) {
  typed(app).get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        response: { 200: HealthAnswer },
      },
    },
    async () => {
      await sql`select 1`.execute(handle.db);
      return { status: 'ok' as const, db: handle.kind };
    },
  );
}
