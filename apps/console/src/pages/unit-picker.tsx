import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Picks one unit by typing part of its name: an office has thousands, so the server searches, 20 at a time. */
export function UnitPicker(props: { value?: string; onChange?: (id: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const filters = { q: q || undefined, page: 1, pageSize: 20 };
  const units = useQuery({ queryKey: orgKeys.units(filters), queryFn: () => orgApi.units(filters) });

  return (
    <Select
      value={props.value}
      onChange={props.onChange}
      placeholder={t('users.unitSearch')}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={units.isFetching ? <Spin size="small" /> : undefined}
      options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.agencyName ?? ''}）` }))}
    />
  );
}
