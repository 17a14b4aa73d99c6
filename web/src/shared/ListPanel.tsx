import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';

/**
 * A white panel around a list: a toolbar with the filters on the left and the actions (refresh, add…)
 * pushed to the right, the last load's error, then the list itself.
 */
export function ListPanel({ filters, actions, error, children }: { filters: ReactNode; actions: ReactNode; error: string | null; children: ReactNode }) {
  return (
    <div style={{ background: '#fff', borderRadius: 8, padding: 12 }}>
      <ListToolbar filters={filters} actions={actions} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {children}
    </div>
  );
}

/** The toolbar of a list: the filters on the left, the actions pushed to the right. */
export function ListToolbar({ filters, actions }: { filters: ReactNode; actions: ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12, alignItems: 'center' }}>
      {filters}
      <div style={{ flex: 1 }} />
      {actions}
    </div>
  );
}

/** The lists' refresh button: it spins while the list loads when given `loading`. */
export function RefreshButton({ onClick, loading, testId, children }: { onClick: () => void; loading?: boolean; testId?: string; children: ReactNode }) {
  return (
    <Button icon={<ReloadOutlined />} onClick={onClick} loading={loading} data-testid={testId}>
      {children}
    </Button>
  );
}
