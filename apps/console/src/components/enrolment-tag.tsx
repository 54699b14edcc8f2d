import type { Unit } from '@huzhu/core';
import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/** Enrolled means some policy sold through the unit is in force today; the server decides, this only shows it. */
export function EnrolmentTag({ unit }: { unit: Pick<Unit, 'enrolled' | 'coveredUntil'> }) {
  const { t } = useI18n();
  if (!unit.enrolled) return <Tag>{t('units.notEnrolled')}</Tag>;
  return (
    <Tag color="green">
      {t('units.enrolled')}
      {unit.coveredUntil && ` · ${t('units.coveredUntil', { date: unit.coveredUntil })}`}
    </Tag>
  );
}
