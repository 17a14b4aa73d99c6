/**
 * The item editor's data: the item and its versions, the promised-ratio bound from the settings,
 * and save draft / publish / retire with their messages and the form-error report.
 */
import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiRequestError, api, seg } from '../../../shared/api';
import type { Settings } from '#contract/settings.js';
import type { AdminItem, PublishResult } from '#contract/catalog.js';
import { navigate } from '../../../shared/router';
import { applyFieldErrors, errorMessage } from '../../../shared/errors';
import { useAdminT } from '../admin-t';
import { mapServerPath, toContent, toFormValues, type ItemFormValues } from '../item-form';

export type EditorBusy = null | 'save' | 'publish' | 'retire';

export interface FormErrorReport {
  text: string;
  problems: { field: string; message: string }[];
}

function isValidationFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'errorFields' in e;
}

export function useItemEditor(code: string | null, form: FormInstance<ItemFormValues>) {
  const isNew = code === null;
  const t = useAdminT();
  const { message } = App.useApp();
  const [item, setItem] = useState<AdminItem | null>(null);
  const [loadError, setLoadError] = useState<{ status: number; text: string } | null>(null);
  const [busy, setBusy] = useState<EditorBusy>(null);
  const [dirty, setDirty] = useState(false);
  const [publishResult, setPublishResult] = useState<PublishResult | null>(null);
  const [formError, setFormError] = useState<FormErrorReport | null>(null);
  const [ratioMax, setRatioMax] = useState(0.6);

  const draft = item?.versions.find((v) => v.status === 'draft') ?? null;
  const base = draft ?? item?.versions[0] ?? null;

  /** Shows an item as the server returned it: the form holds the draft, or the latest version. */
  const applyItem = useCallback(
    (it: AdminItem) => {
      setItem(it);
      const latest = it.versions.find((v) => v.status === 'draft') ?? it.versions[0];
      form.resetFields();
      if (latest) form.setFieldsValue(toFormValues(latest));
      setDirty(false);
      setLoadError(null);
    },
    [form],
  );

  const load = useCallback(async () => {
    if (isNew || !code) return;
    try {
      applyItem(await api.get<AdminItem>(`/api/admin/items/${seg(code)}`));
    } catch (e) {
      setLoadError({ status: e instanceof ApiRequestError ? e.status : 0, text: errorMessage(e, t) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, isNew, applyItem]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    api
      .get<Settings>('/api/admin/settings')
      .then((s) => typeof s?.promisedRatioMax === 'number' && setRatioMax(s.promisedRatioMax))
      .catch(() => undefined);
  }, []);

  // Warn before leaving the page with unsaved changes.
  useEffect(() => {
    if (!dirty) return;
    const handler = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [dirty]);

  function showError(e: unknown) {
    const text = errorMessage(e, t);
    const problems = applyFieldErrors(form, e, mapServerPath);
    setFormError({ text, problems });
    message.error(text);
  }

  /** Validates, sends the draft (or creates the item), reloads. Returns false when nothing was saved. */
  async function saveDraft(): Promise<boolean> {
    try {
      await form.validateFields();
    } catch (e) {
      if (isValidationFailure(e)) {
        message.error(t('common.errorValidation'));
        // The Form's scrollToFirstError only acts on a submit; these buttons validate by hand, and the
        // wrong field may be far down the long form: bring it into view (centred, clear of the sticky bar).
        const first = (e as { errorFields: { name: (string | number)[] }[] }).errorFields[0];
        if (first) {
          form.scrollToField(first.name, { behavior: 'smooth', block: 'center', focus: true });
        }
        return false;
      }
      throw e;
    }
    const values = form.getFieldsValue(true) as ItemFormValues;
    const content = toContent(values);
    setFormError(null);
    try {
      if (isNew) {
        const newCode = (values.code ?? '').trim();
        await api.post<unknown>('/api/admin/items', { code: newCode, department: values.department, ...content });
        setDirty(false);
        message.success(t('editor.created'));
        navigate(`/admin/items/${encodeURIComponent(newCode)}`, { replace: true });
        return true;
      }
      const saved = await api.put<AdminItem>(`/api/admin/items/${seg(code!)}/draft`, content);
      if (saved && Array.isArray(saved.versions)) applyItem(saved);
      else await load();
      message.success(t('editor.saved'));
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  }

  async function onSave() {
    setBusy('save');
    setPublishResult(null);
    try {
      await saveDraft();
    } finally {
      setBusy(null);
    }
  }

  async function onPublish() {
    if (!code) return;
    setBusy('publish');
    setPublishResult(null);
    try {
      if (dirty || !draft) {
        if (!(await saveDraft())) return;
      }
      const r = await api.post<PublishResult>(`/api/admin/items/${seg(code)}/publish`);
      setPublishResult(r);
      if (r.warnings?.length) message.warning(t('editor.publishWarnings', { v: r.version }));
      else message.success(t('editor.published', { v: r.version }));
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }

  async function onRetire() {
    if (!code) return;
    setBusy('retire');
    try {
      await api.post<unknown>(`/api/admin/items/${seg(code)}/retire`);
      message.success(t('editor.retiredMsg'));
      setPublishResult(null);
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }

  const retired = item?.status === 'retired';
  return {
    isNew,
    item,
    draft,
    base,
    loadError,
    busy,
    dirty,
    retired,
    canPublish: !isNew && !retired && (dirty || !!draft),
    ratioMax,
    publishResult,
    formError,
    markDirty: () => setDirty(true),
    dismissPublishResult: () => setPublishResult(null),
    dismissFormError: () => setFormError(null),
    onSave,
    onPublish,
    onRetire,
  };
}

export type ItemEditorState = ReturnType<typeof useItemEditor>;
