import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { orgApi, orgKeys } from '../../api/org.api.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** Office staff choose an agency (or the whole office); agency staff always see their own, which the server enforces. */
export function usePicksAgency(): boolean {
  const { user } = useCurrentSession();
  return user.role.startsWith('office_');
}

/** The agency filter of a report: a select for office staff, the fixed agency's name for agency staff. */
export function AgencyFilter(props: {
  value: string | undefined;
  onChange: (agencyId: string | undefined) => void;
  fixedName?: string;
}) {
  const { t } = useI18n();
  const picks = usePicksAgency();
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies, enabled: picks });
  if (!picks)
    return props.fixedName ? (
      <Tag color="blue" data-testid="report-agency-fixed" className="report-agency-tag">
        {props.fixedName}
      </Tag>
    ) : null;
  return (
    <Select
      data-testid="report-agency"
      style={{ width: 220 }}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('reports.wholeOffice')}
      value={props.value}
      onChange={(v?: string) => props.onChange(v)}
      options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
    />
  );
}

/** A single report date (as of); empty means today on the server. */
export function AsOfFilter(props: { value: string | undefined; onChange: (date: string | undefined) => void }) {
  const { t } = useI18n();
  return (
    <DatePicker
      data-testid="report-as-of"
      allowClear
      placeholder={t('reports.today')}
      prefix={<span className="filter-prefix">{t('reports.asOf')}</span>}
      value={props.value ? dayjs(props.value) : null}
      disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')}
      onChange={(d: Dayjs | null) => props.onChange(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}

/** A period (from–to, both inclusive); empty ends mean the report's defaults. */
export function PeriodFilter(props: {
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
}) {
  return (
    <DatePicker.RangePicker
      data-testid="report-period"
      allowEmpty={[true, true]}
      value={[props.from ? dayjs(props.from) : null, props.to ? dayjs(props.to) : null]}
      onChange={(range) =>
        props.onChange(range?.[0]?.format('YYYY-MM-DD') ?? undefined, range?.[1]?.format('YYYY-MM-DD') ?? undefined)
      }
    />
  );
}

/** 导出 Excel: the same GET as the screen with format=xlsx, downloaded by the browser with the session cookie. */
export function ExportButton({ href, disabled }: { href: string; disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <Button icon={<DownloadOutlined />} href={href} download disabled={disabled} data-testid="report-export">
      {t('reports.export')}
    </Button>
  );
}

/** The filters of a report, on one line above its figures. */
export function ReportFilterBar({ children }: { children: ReactNode }) {
  return (
    <Card size="small">
      <Space className="report-filter-bar" wrap>
        {children}
      </Space>
    </Card>
  );
}
