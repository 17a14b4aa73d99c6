/**
 * The items open at this place with their checklists: the last list from the server, kept on the
 * device for offline lookup and refreshed whenever the app is online. The server's `version`
 * (also its ETag) says whether the copy is current; the copy's date is shown when offline.
 */
import { useEffect, useState } from 'react';
import { api } from '../../shared/api';
import type { NetworkItem, NetworkItems } from '#contract/network.js';
import { kvGet, kvSet } from './offline-store';

export interface ItemsCopy {
  list: NetworkItems;
  fetchedAt: string;
}

export const itemsKey = (user: string) => `items:${user}`;

export function useOpenItems(user: string, online: boolean): { copy: ItemsCopy | null; fresh: boolean } {
  const [copy, setCopy] = useState<ItemsCopy | null>(null);
  const [fresh, setFresh] = useState(false);
  useEffect(() => {
    let alive = true;
    void kvGet<ItemsCopy>(itemsKey(user)).then((kept) => {
      if (alive && kept) setCopy((c) => c ?? kept);
    });
    if (online) {
      api.get<NetworkItems>('/api/network/items').then(async (list) => {
        const next = { list, fetchedAt: new Date().toISOString() };
        await kvSet(itemsKey(user), next);
        if (!alive) return;
        setCopy(next);
        setFresh(true);
      }).catch(() => undefined);
    }
    return () => {
      alive = false;
    };
  }, [user, online]);
  return { copy, fresh };
}

/** Name (Chinese or English), code, full pinyin or initials, as the desk's item search matches. */
export function matchItems(items: NetworkItem[], query: string): NetworkItem[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return items;
  return items.filter((i) => i.name.includes(query.trim()) || i.code.toLowerCase().includes(q) || i.nameEn.toLowerCase().includes(q) || i.pinyin.replace(/\s+/g, ' ').split(' ').some((p) => p.startsWith(q)));
}
