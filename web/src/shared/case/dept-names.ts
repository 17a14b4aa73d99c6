/**
 * Department names in the UI language. Cases carry the Chinese name; the English one comes from the
 * public department list, loaded once per page and shared by every component that asks.
 */
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Department } from '#contract/departments.js';
import { useI18n } from '../i18n';

let cached: Promise<Department[]> | null = null;

function loadDepartments(): Promise<Department[]> {
  cached ??= api.get<Department[]>('/api/departments').then(
    (d) => (Array.isArray(d) ? d : []),
    () => {
      cached = null; // try again next time; Chinese names are shown meanwhile
      return [];
    },
  );
  return cached;
}

/** (code, Chinese name) → the name to show. Only fetches the list when the UI is in English. */
export function useDepartmentName(): (code: string, name: string) => string {
  const { lang } = useI18n();
  const [list, setList] = useState<Department[]>([]);
  useEffect(() => {
    if (lang !== 'en') return;
    let alive = true;
    void loadDepartments().then((d) => alive && setList(d));
    return () => {
      alive = false;
    };
  }, [lang]);
  return (code, name) => (lang === 'en' ? list.find((d) => d.code === code)?.nameEn || name : name);
}
