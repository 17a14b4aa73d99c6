import { useMemo } from 'react';
import { useI18n } from '../../../shared/i18n';
import { useDepartments } from '../../../shared/departments';

export interface DepartmentOptions {
  /** The active departments, named in the UI language: new items and joint stages pick only these. */
  options: { value: string; label: string }[];
  /** A code's name, or the code itself when the department is not active. */
  label: (code: string) => string;
}

export function useDepartmentOptions(): DepartmentOptions {
  const { lang } = useI18n();
  const { departments } = useDepartments('/api/admin/departments');
  const options = useMemo(
    () =>
      departments
        .filter((d) => d.status === 'active')
        .map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn || d.name })),
    [departments, lang],
  );
  return { options, label: (c: string) => options.find((o) => o.value === c)?.label ?? c };
}
