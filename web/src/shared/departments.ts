import { useEffect, useState } from 'react';
import { api } from './api';
import type { Department } from '#contract/departments.js';
import type { Lang } from './i18n';

/** Loads a department list once (public or admin endpoint). */
export function useDepartments(path = '/api/departments'): { departments: Department[]; reload: () => void; loading: boolean } {
  const [departments, setDepartments] = useState<Department[]>([]);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    setLoading(true);
    api
      .get<Department[]>(path)
      .then((d) => alive && setDepartments(Array.isArray(d) ? d : []))
      .catch(() => alive && setDepartments([]))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [path, tick]);
  return { departments, loading, reload: () => setTick((n) => n + 1) };
}

/** A department's name in the UI language (item data itself stays in Chinese). */
export function departmentName(departments: Department[], lang: Lang, code: string, fallback: string): string {
  if (lang === 'zh') return fallback;
  const d = departments.find((x) => x.code === code);
  return d?.nameEn || fallback;
}
