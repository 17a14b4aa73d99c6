import { pinyin } from 'pinyin-pro';

/** Pinyin search keys for a Chinese name: `个体工商户` → full `getigongshanghu`, initials `gtgsh`. */
export function searchKeys(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const full = syllables.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  return { full, initials };
}
