import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../../shared/i18n';

/**
 * A paged admin list's table pagination: the page the server answered (the one asked for until it
 * has), and a new page size starts again from the first page.
 */
export function pagedTable(
  data: { page: number; pageSize: number; total: number } | null,
  asked: { page: number; pageSize: number },
  go: (next: { page: number; pageSize: number }) => void,
  t: Translate,
): TablePaginationConfig {
  return {
    current: data?.page ?? asked.page,
    pageSize: data?.pageSize ?? asked.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { n }),
    onChange: (p, ps) => go({ page: ps !== asked.pageSize ? 1 : p, pageSize: ps }),
  };
}
