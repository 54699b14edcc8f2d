import { reliefCategoryLabels, type ReliefCategoryCode, type ReliefStatus } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Space } from 'antd';
import { Link } from 'react-router';
import { http } from '../../api/http-client.ts';
import { ReliefStatusTag } from './relief-tags.tsx';

/** The claim's side of the one-stop link: the relief applications it was filed with (or proposed from). */
export function ClaimReliefLink({ claimId }: { claimId: string }) {
  const links = useQuery({
    queryKey: ['claim', claimId, 'relief'],
    queryFn: () =>
      http.get<{ id: string; number: string; status: string; category: string }[]>(
        `/claims/${encodeURIComponent(claimId)}/relief`,
      ),
  });
  if (!links.data?.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="claim-relief-link"
      title={
        <Space wrap>
          救助慰问：
          {links.data.map((r) => (
            <Space key={r.id}>
              <Link to={`/relief/${encodeURIComponent(r.id)}`}>
                {reliefCategoryLabels[r.category as ReliefCategoryCode] ?? r.category} {r.number}
              </Link>
              <ReliefStatusTag status={r.status as ReliefStatus} />
            </Space>
          ))}
        </Space>
      }
    />
  );
}
