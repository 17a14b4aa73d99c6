/**
 * Turning API errors into what the user sees: a message, and field errors on the form
 * (the server names fields by body path, e.g. `promisedDays` or `materials.0.name`).
 */
import type { FormInstance } from 'antd';
import { ApiRequestError } from './api';
import type { Translate } from './i18n';

export type NamePath = (string | number)[];

/** "materials.0.name" or "/materials/0/name" → ['materials', 0, 'name']. */
export function parseFieldPath(field: string): NamePath {
  return field
    .replace(/^\//, '')
    .split(/[./]/)
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The text to show for any error thrown by the API client (or anything else). */
export function errorMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiRequestError) {
    if (err.code === 'NETWORK') return t('common.errorNetwork');
    return err.message || t('common.error');
  }
  if (err instanceof Error && err.message) return err.message;
  return t('common.error');
}

/**
 * Puts the error's `details` on the form's fields. `mapPath` may rename a server path to the form's
 * name path (or return null when the form has no such field). Returns the details that found no field,
 * so the caller can list them.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  mapPath: (path: NamePath) => NamePath | null = (p) => p,
): { field: string; message: string }[] {
  if (!(err instanceof ApiRequestError) || !err.details?.length) return [];
  const byName = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: { field: string; message: string }[] = [];
  for (const d of err.details) {
    const name = mapPath(parseFieldPath(d.field));
    if (!name || !name.length) {
      unplaced.push(d);
      continue;
    }
    // Only fields that exist in the form can show an error.
    let exists = false;
    try {
      exists = form.getFieldInstance(name) !== undefined || form.getFieldValue(name) !== undefined;
    } catch {
      exists = false;
    }
    if (!exists) {
      unplaced.push(d);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(d.message);
    byName.set(key, entry);
  }
  form.setFields([...byName.values()]);
  const first = byName.values().next().value;
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unplaced;
}
