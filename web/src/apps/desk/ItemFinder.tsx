/**
 * Finding the item: Chinese, full pinyin or initials (spjyxk), or a department; the workstation's
 * recent and frequent items first. ↑/↓ move through the list, Enter picks, Esc clears.
 */
import { forwardRef, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Alert, Empty, Input, Select, Spin } from 'antd';
import type { InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { api } from '../../shared/api';
import type { ItemPage, ItemSummary } from '#contract/catalog.js';
import { useI18n } from '../../shared/i18n';
import { errorMessage } from '../../shared/errors';
import { useDepartments } from '../../shared/departments';
import { KindTag, localName } from '../../shared/labels';
import { useDeskT } from './i18n';
import { readUsage, shortlist, type ItemUse } from './usage';

export interface PickedItem {
  code: string;
  name: string;
  nameEn?: string;
  kind: ItemSummary['kind'];
  department: { code: string; name: string };
}

interface Row extends PickedItem {
  group?: 'recent' | 'frequent';
  limits?: string;
  uses?: number;
}

/** Exact name, then name prefix, then the workstation's own habits, then the server's order. */
function rank(items: ItemSummary[], q: string, usage: ItemUse[]): ItemSummary[] {
  const term = q.trim().toLowerCase();
  const uses = new Map(usage.map((u) => [u.code, u.count]));
  const score = (i: ItemSummary) => {
    const name = i.name.toLowerCase();
    if (term && name === term) return 3;
    if (term && name.startsWith(term)) return 2;
    if (term && name.includes(term)) return 1;
    return 0;
  };
  return items
    .map((item, index) => ({ item, index, s: score(item), u: uses.get(item.code) ?? 0 }))
    .sort((a, b) => b.s - a.s || b.u - a.u || a.index - b.index)
    .map((x) => x.item);
}

interface Props {
  selectedCode: string | null;
  onPick: (item: PickedItem) => void;
  /** Bumped after each intake so the recent/frequent list is read again. */
  usageVersion: number;
  /** Bumped to start afresh (a new applicant): the search and the department filter are cleared. */
  resetSignal: number;
}

export const ItemFinder = forwardRef<InputRef, Props>(function ItemFinder({ selectedCode, onPick, usageVersion, resetSignal }, ref) {
  const t = useDeskT();
  const { lang } = useI18n();
  const { departments, loading: departmentsLoading } = useDepartments();
  const [q, setQ] = useState('');
  const [department, setDepartment] = useState('');
  const [results, setResults] = useState<ItemSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [retry, setRetry] = useState(0);
  const usage = useMemo(() => readUsage(), [usageVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  const searching = q.trim() !== '' || department !== '';

  useEffect(() => {
    if (resetSignal === 0) return;
    setQ('');
    setDepartment('');
    setActive(0);
  }, [resetSignal]);

  useEffect(() => {
    if (!searching) {
      setResults([]);
      setError(null);
      setLoading(false);
      return;
    }
    let alive = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      api
        .get<ItemPage>('/api/items', { q: q.trim(), department, pageSize: 50 })
        .then((page) => {
          if (!alive) return;
          setResults(rank(page.items, q, usage));
          setTotal(page.total);
          setError(null);
          setActive(0);
        })
        .catch((e) => alive && setError(errorMessage(e, t)))
        .finally(() => alive && setLoading(false));
    }, 150);
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, department, retry]);

  const rows: Row[] = useMemo(() => {
    if (searching) return results.map((i) => ({ code: i.code, name: i.name, nameEn: i.nameEn, kind: i.kind, department: i.department, uses: usage.find((u) => u.code === i.code)?.count }));
    const { recent, frequent } = shortlist(usage);
    return [
      ...recent.map((u) => ({ ...u, group: 'recent' as const, uses: u.count })),
      ...frequent.map((u) => ({ ...u, group: 'frequent' as const, uses: u.count })),
    ];
  }, [searching, results, usage]);

  useEffect(() => {
    setActive((a) => Math.min(a, Math.max(0, rows.length - 1)));
  }, [rows.length]);

  useEffect(() => {
    document.getElementById(`desk-item-opt-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(rows.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const row = rows[active];
      if (row && !loading) onPick(row);
    } else if (e.key === 'Escape') {
      setQ('');
      setActive(0);
    }
  }

  const deptLabel = (code: string, fallback: string) => {
    if (lang === 'zh') return fallback;
    return departments.find((d) => d.code === code)?.nameEn || fallback;
  };

  let groupShown: string | undefined;
  return (
    <section className="desk-panel desk-finder" aria-label={t('finder.title')}>
      <div className="desk-panel-head">
        <span className="desk-panel-title">{t('finder.title')}</span>
        <span className="desk-muted">{t('finder.keys')}</span>
      </div>
      <Input
        ref={ref}
        size="large"
        prefix={<SearchOutlined />}
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={t('finder.placeholder')}
        aria-label={t('finder.placeholder')}
        role="combobox"
        aria-expanded={rows.length > 0}
        aria-controls="desk-item-list"
        aria-activedescendant={rows.length ? `desk-item-opt-${active}` : undefined}
        data-testid="item-search"
      />
      <Select
        className="desk-finder-dept"
        value={department}
        loading={departmentsLoading}
        onChange={(v) => setDepartment(v)}
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('finder.department')}
        data-testid="item-department"
        options={[
          { value: '', label: t('finder.allDepartments') },
          ...departments.map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn || d.name })),
        ]}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          action={<a onClick={() => setRetry((n) => n + 1)}>{t('common.retry')}</a>}
          className="desk-gap"
        />
      )}
      <div className="desk-finder-list" id="desk-item-list" role="listbox" aria-label={t('finder.title')} data-testid="item-results">
        {loading && (
          <div className="desk-finder-loading">
            <Spin size="small" /> {t('common.loading')}
          </div>
        )}
        {!loading && searching && rows.length === 0 && !error && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('finder.none')} />}
        {!searching && rows.length === 0 && (
          <div className="desk-finder-hint">
            <p>{t('finder.hint1')}</p>
            <p className="desk-muted">{t('finder.hint2')}</p>
          </div>
        )}
        {searching && !loading && total > rows.length && <div className="desk-muted desk-finder-more">{t('finder.more', { n: rows.length, total })}</div>}
        {rows.map((row, i) => {
          const header = row.group && row.group !== groupShown ? row.group : undefined;
          if (header) groupShown = header;
          return (
            <div key={`${row.group ?? 's'}-${row.code}`}>
              {header && <div className="desk-finder-group">{t(header === 'recent' ? 'finder.recent' : 'finder.frequent')}</div>}
              <div
                id={`desk-item-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={`desk-finder-item${i === active ? ' active' : ''}${row.code === selectedCode ? ' selected' : ''}`}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onPick(row)}
                data-testid="item-option"
                data-code={row.code}
              >
                <div className="desk-finder-name">{localName(row, lang)}</div>
                <div className="desk-finder-meta">
                  <KindTag kind={row.kind} />
                  <span className="desk-ellipsis" title={deptLabel(row.department.code, row.department.name)}>{deptLabel(row.department.code, row.department.name)}</span>
                  {row.uses ? <span className="desk-finder-uses">{t('finder.uses', { n: row.uses })}</span> : null}
                </div>
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
});
