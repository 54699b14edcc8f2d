import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { orgApi, orgKeys } from '../api/org.api.ts';

/** A unit's name, linked to its page; lists that carry only a unit id show this (one cached request per unit). */
export function UnitName({ id }: { id: string }) {
  const unit = useQuery({ queryKey: orgKeys.unit(id), queryFn: () => orgApi.unit(id), meta: { ownErrors: true } });
  return <Link to={`/units/${encodeURIComponent(id)}`}>{unit.data?.name ?? id.slice(-8)}</Link>;
}
