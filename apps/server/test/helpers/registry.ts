import { creditCodeCheckChar } from '@huzhu/core';
import type { Agent, TestContext } from './test-context.ts';
import { multipartBody } from './upload.ts';

export const REGISTRY_HEADER = [
  '单位名称',
  '统一社会信用代码',
  '单位类别',
  '所属行业',
  '代办处',
  '职工人数',
  '女职工人数',
  '联系人',
  '联系电话',
];

let seq = 0;
/** A valid credit code no other test file produces (prefix 91500112, a counter and the process id). */
export function registryCreditCode(): string {
  seq += 1;
  const body = `915001${String(process.pid % 100).padStart(2, '0')}${String(seq).padStart(9, '0')}`;
  return body + creditCodeCheckChar(body);
}

export function upload(agent: Agent, name: string, content: Buffer | string) {
  const { payload, headers } = multipartBody({ name, content });
  return agent.inject({ method: 'POST', url: '/api/v1/registry-imports', payload, headers });
}

/** Counts of what an import may have written, to assert that a refused file changed nothing. */
export async function importFootprint(ctx: TestContext) {
  const count = async (table: 'unit' | 'registry_import' | 'audit_log') =>
    Number(
      (
        await ctx.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { units: await count('unit'), imports: await count('registry_import'), audit: await count('audit_log') };
}
