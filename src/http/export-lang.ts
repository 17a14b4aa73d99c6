/**
 * The language of a download (CSV, Excel): `?lang=en|zh` when the web app sends it (the user's
 * chosen language), else the browser's Accept-Language, else Chinese.
 */
import { Type } from 'typebox';
import type { LabelLang } from '../domain/case-labels.js';

export const LangQuery = Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { description: 'language of labels and headers; default from Accept-Language, else zh' }));

export function exportLang(query: { lang?: string } | undefined, acceptLanguage: string | string[] | undefined): LabelLang {
  if (query?.lang === 'en' || query?.lang === 'zh') return query.lang;
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage ?? '';
  // The first language named decides (browsers list them in order of preference).
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
