/** The member app reads its own lists in one page of `MEMBER_LIST_MAX`; past that it says so, never silently. */
export function ListCeiling({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return (
    <p className="card-text" data-testid="list-ceiling">
      显示最近 {shown} 条，共 {total} 条；更早的记录请联系所在工会查询。
    </p>
  );
}
