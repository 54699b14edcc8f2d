import type { RenewalFigureRow } from '@huzhu/core';
import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';
import { policyAgencyKey } from './report-renewal.repository.ts';

/**
 * Renewal figures the plain way, from the policies: a policy ending in the period is renewed when the member's
 * next live policy of the same product (by start; terms of one product never overlap) is continuous. What
 * cov_renewal must sum to; tests and the bench compare the two. Never used by requests: it reads every policy.
 */
export const plainRenewalRepository = {
  async figures(db: Db, officeId: string, from: string, to: string, agencyId: string | null) {
    const inAgency = agencyId === null ? sql`` : sql`and ordered.agency_id = ${agencyId}`;
    const { rows } = await sql<{ product_code: string; employment_kind: string; ending: number; renewed: number }>`
      with ordered as (
        select policy.member_id, policy.product_code, policy.end_date, ${policyAgencyKey} as agency_id,
          lead(policy.start_date) over w as next_start, lead(policy.continuous) over w as next_continuous
        from policy left join unit on unit.id = policy.unit_id
        where policy.office_id = ${officeId} and policy.state <> 'cancelled'
        window w as (partition by policy.member_id, policy.product_code order by policy.start_date, policy.id)
      )
      select ordered.product_code, member.employment_kind, count(*) as ending,
        sum(case when ordered.next_continuous = 1 and ordered.next_start > ordered.end_date then 1 else 0 end)
          as renewed
      from ordered inner join member on member.id = ordered.member_id
      where ordered.end_date >= ${from} and ordered.end_date <= ${to} ${inAgency}
      group by ordered.product_code, member.employment_kind`.execute(db);
    return rows.map(
      (r): RenewalFigureRow => ({
        productCode: r.product_code,
        employmentKind: r.employment_kind,
        ending: Number(r.ending),
        renewed: Number(r.renewed),
      }),
    );
  },
};
