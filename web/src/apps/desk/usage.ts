/**
 * Items this workstation takes in, remembered in localStorage: the window clerk sees the recent and
 * the frequent ones before typing anything, and search results put them first.
 */
import type { ItemKind } from '#contract/cases.js';

export interface ItemUse {
  code: string;
  name: string;
  kind: ItemKind;
  department: { code: string; name: string };
  count: number;
  last: number;
}

const KEY = 'onewindow.desk.items';
const KEEP = 60;

export function readUsage(): ItemUse[] {
  try {
    const raw = window.localStorage.getItem(KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? list.filter((u): u is ItemUse => !!u && typeof u.code === 'string' && typeof u.name === 'string' && typeof u.count === 'number') : [];
  } catch {
    return [];
  }
}

export function recordUsage(item: Omit<ItemUse, 'count' | 'last'>): void {
  const list = readUsage();
  const old = list.find((u) => u.code === item.code);
  const next: ItemUse = { ...item, count: (old?.count ?? 0) + 1, last: Date.now() };
  const rest = list.filter((u) => u.code !== item.code);
  // Keep the most used, then the most recent, when the list is full.
  const kept = [next, ...rest].sort((a, b) => b.count - a.count || b.last - a.last).slice(0, KEEP);
  try {
    window.localStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // storage full or disabled: the list is a convenience only
  }
}

/** The few most recent, then the most frequent of the rest. */
export function shortlist(list: ItemUse[], recent = 5, frequent = 8): { recent: ItemUse[]; frequent: ItemUse[] } {
  const byLast = [...list].sort((a, b) => b.last - a.last).slice(0, recent);
  const taken = new Set(byLast.map((u) => u.code));
  const byCount = list.filter((u) => !taken.has(u.code)).sort((a, b) => b.count - a.count || b.last - a.last).slice(0, frequent);
  return { recent: byLast, frequent: byCount };
}
