/** Labels and small display pieces shared by the UIs (kind, status, limits, fees). */
import { zonedDateTime } from './time-zone';
import { Tag } from 'antd';
import type { ItemKind } from '@domain/catalog';
import type { MaterialForm } from '@domain/catalog';
import type { Translate } from './i18n';
import { useI18n, useT } from './i18n';

const KIND_COLOR: Record<ItemKind, string> = { immediate: 'green', promised: 'blue', joint: 'purple' };

export function KindTag({ kind }: { kind: ItemKind }) {
  const t = useT();
  return (
    <Tag color={KIND_COLOR[kind] ?? 'default'} data-kind={kind}>
      {t(`kind.${kind}`)}
    </Tag>
  );
}

type AnyStatus = 'draft' | 'published' | 'retired' | 'superseded';
const STATUS_COLOR: Record<AnyStatus, string> = {
  draft: 'gold',
  published: 'green',
  retired: 'default',
  superseded: 'default',
};

export function StatusTag({ status }: { status: AnyStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

export function materialFormLabel(t: Translate, form: MaterialForm): string {
  return t(`form.${form}`);
}

/** 法定时限 X 个工作日 / 承诺时限 Y 个工作日, or 即办. */
export function limitsText(t: Translate, kind: ItemKind, statutoryDays: number, promisedDays: number): string {
  if (kind === 'immediate' || (statutoryDays === 0 && promisedDays === 0)) return t('limit.immediate');
  return `${t('limit.statutoryN', { n: statutoryDays })} / ${t('limit.promisedN', { n: promisedDays })}`;
}

export function daysText(t: Translate, days: number): string {
  return days === 0 ? t('limit.immediate') : t('limit.days', { n: days });
}

export function yuan(cents: number): string {
  const v = cents / 100;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export function feeText(t: Translate, feeCents: number): string {
  return feeCents > 0 ? t('fee.yuan', { n: yuan(feeCents) }) : t('fee.free');
}

/** ISO timestamp → "YYYY-MM-DD HH:mm" on the center's clock (not the browser's zone). */
export function formatDateTime(iso: string | null | undefined): string {
  return zonedDateTime(iso);
}

export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/**
 * An item's or a material's name in the UI's language: the English name in English mode when the
 * catalog has one (item_versions.name_en, Material.nameEn), else the Chinese name.
 */
export function localName(x: { name: string; nameEn?: string | null }, lang: string): string {
  return lang === 'en' && x.nameEn ? x.nameEn : x.name;
}

/** localName as an element, for places without the language at hand (table cells, detail lists). */
export function LocalName({ x }: { x: { name: string; nameEn?: string | null } }) {
  const { lang } = useI18n();
  return <>{localName(x, lang)}</>;
}
