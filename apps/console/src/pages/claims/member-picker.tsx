import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { memberApi, memberKeys } from '../../api/member.api.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** Finds the member a claim is for by name prefix or mobile (the server searches in the caller's scope). */
export function MemberPicker(props: {
  value?: string;
  /** How the chosen member reads when the search results no longer hold them (e.g. arriving from a link). */
  current?: { value: string; label: string };
  onChange?: (id: string) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const filters = { q, page: 1, pageSize: 20 };
  const members = useQuery({
    queryKey: memberKeys.list(filters),
    queryFn: () => memberApi.list(filters),
    enabled: q.length > 0,
  });

  return (
    <Select
      data-testid="claim-member"
      value={props.value}
      onChange={props.onChange}
      placeholder={t('claimNew.memberSearch')}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={members.isFetching ? <Spin size="small" /> : undefined}
      options={[
        ...(props.current && !members.data?.items.some((m) => m.id === props.current?.value) ? [props.current] : []),
        ...(members.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.idNumberMasked}）` })),
      ]}
    />
  );
}
