import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  title: string;
  to?: string;
}

/** The top of every page: where you are, what this page is, and its main actions on the right. */
export function PageHeader(props: { title: ReactNode; subtitle?: ReactNode; crumbs?: Crumb[]; extra?: ReactNode }) {
  return (
    <div className="page-header">
      {props.crumbs && props.crumbs.length > 0 && (
        <Breadcrumb
          className="page-header-crumbs"
          items={props.crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      )}
      <Flex justify="space-between" align="center" gap={16} wrap>
        <div>
          <Typography.Title level={4} className="page-header-title">
            {props.title}
          </Typography.Title>
          {props.subtitle && <Typography.Text type="secondary">{props.subtitle}</Typography.Text>}
        </div>
        {props.extra && <div>{props.extra}</div>}
      </Flex>
    </div>
  );
}
