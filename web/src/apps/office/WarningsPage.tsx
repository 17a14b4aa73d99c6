/**
 * 预警督办 for supervisors and leaders: every open case of the center that is due soon (yellow) or
 * overdue (red), across departments, most urgent first; filter by department.
 */
import { Alert, Segmented, Select } from 'antd';
import { OPEN } from '@domain/case-workflow';
import { api } from '../../shared/api';
import type { QueuePage as QueueAnswer, QueueRow } from '#contract/cases.js';
import { useI18n } from '../../shared/i18n';
import { navigate, useLocation, withQuery } from '../../shared/router';
import { useDepartments } from '../../shared/departments';
import { rememberList, useOfficeT } from './office-t';
import { CaseSearch, QueueTable } from './QueueTable';
import { WarningCounts } from './WarningCounts';
import { OfficePageTitle } from './OfficePageTitle';
import { useFetched } from '../../shared/use-fetched';
import { ListPanel, RefreshButton } from '../../shared/ListPanel';

/** Warnings are few in a county center; both levels are read whole and merged by due date. */
const LIMIT = 200;
const OPEN_QUERY = OPEN.map((s) => `status=${s}`).join('&');

export function WarningsPage() {
  const t = useOfficeT();
  const { lang } = useI18n();
  const { query, search } = useLocation();
  rememberList(`/office${search}`);
  const dept = query.get('dept') ?? '';
  const level = query.get('level') === 'red' || query.get('level') === 'yellow' ? query.get('level')! : '';
  const q = query.get('q') ?? '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const { departments } = useDepartments();

  const get = (warning: string) => api.get<QueueAnswer>(`/api/cases?${OPEN_QUERY}`, { warning, department: dept, q, pageSize: LIMIT });
  const { data, loading, error, reload } = useFetched(t, () => Promise.all([get('red'), get('yellow')]), [dept, q]);
  const [red, yellow] = data ?? [null, null];

  const go = (next: Partial<{ dept: string; level: string; q: string; page: number }>) => {
    const m = { dept, level, q, page, ...next };
    navigate(withQuery('/office', { dept: m.dept, level: m.level, q: m.q, page: m.page > 1 ? m.page : undefined }));
  };

  const rows: QueueRow[] = [...(level !== 'yellow' ? red?.items ?? [] : []), ...(level !== 'red' ? yellow?.items ?? [] : [])].sort(
    (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.caseNo.localeCompare(b.caseNo),
  );
  const truncated = (red?.total ?? 0) > LIMIT || (yellow?.total ?? 0) > LIMIT;
  const counts = red && yellow ? { red: red.total, yellow: yellow.total } : null;

  return (
    <div data-testid="warnings-page">
      <OfficePageTitle title={t('warnings.title')} subtitle={t('warnings.subtitle')} />

      <WarningCounts counts={counts} loading={loading} active={level} only={['red', 'yellow']} onPick={(w) => go({ level: w, page: 1 })} />

      <ListPanel
        error={error}
        filters={
          <>
            <Segmented
              value={level}
              onChange={(v) => go({ level: String(v), page: 1 })}
              data-testid="warnings-level"
              options={[
                { value: '', label: t('warnings.both') },
                { value: 'red', label: t('warnings.red') },
                { value: 'yellow', label: t('warnings.yellow') },
              ]}
            />
            <Select
              style={{ width: 200 }}
              value={dept}
              onChange={(v) => go({ dept: v, page: 1 })}
              aria-label={t('queue.department')}
              data-testid="warnings-department"
              showSearch={{ optionFilterProp: 'label' }}
              popupMatchSelectWidth={false}
              options={[{ value: '', label: t('queue.department.all') }, ...departments.map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn || d.name }))]}
            />
            <CaseSearch q={q} onSearch={(v) => go({ q: v, page: 1 })} testId="warnings-search" />
          </>
        }
        actions={
          <>
            <RefreshButton onClick={reload} loading={loading} testId="warnings-refresh">{t('queue.refresh')}</RefreshButton>
          </>
        }
      >
        {truncated && <Alert type="info" showIcon title={t('warnings.truncated', { n: LIMIT })} style={{ marginBottom: 12 }} />}
        <QueueTable
          testId="warnings-table"
          emptyText={t('warnings.empty')}
          rows={rows}
          loading={loading}
          showDepartment
          pagination={{
            current: page,
            pageSize: 20,
            total: rows.length,
            showSizeChanger: false,
            showTotal: (n) => t('queue.total', { n }),
            onChange: (p) => go({ page: p }),
          }}
        />
      </ListPanel>
    </div>
  );
}
