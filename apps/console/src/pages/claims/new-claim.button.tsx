import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** 新建申领 for one member, from wherever that member is shown; absent for roles that cannot file claims. */
export function NewClaimButton({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const can = useCan();
  if (!can('claim.create')) return null;
  return (
    <Link to={`/claims/new?memberId=${encodeURIComponent(memberId)}`}>
      <Button type="primary" icon={<PlusOutlined />} data-testid="member-new-claim">
        {t('claims.new')}
      </Button>
    </Link>
  );
}
