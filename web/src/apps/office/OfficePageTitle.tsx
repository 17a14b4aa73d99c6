import type { ReactNode } from 'react';
import { Space, Typography } from 'antd';

/** A back-office page's heading: the title and, beside it, a line on what the page is for. */
export function OfficePageTitle({ title, subtitle, children }: { title: ReactNode; subtitle: ReactNode; children?: ReactNode }) {
  return (
    <div className="ow-office-page-title">
      <Space size={12} align="baseline" wrap>
        <Typography.Title level={4}>{title}</Typography.Title>
        {children}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {subtitle}
        </Typography.Text>
      </Space>
    </div>
  );
}
