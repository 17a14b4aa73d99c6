/**
 * Keyboard shortcuts of the desk. Specs look like "alt+KeyA", "ctrl+Enter", "alt+Digit1": modifiers,
 * then a KeyboardEvent.code (layout- and IME-independent) or, for Enter/Escape, the key.
 */
import { useEffect, useRef } from 'react';

type Handler = (e: KeyboardEvent) => void;

function matches(spec: string, e: KeyboardEvent): boolean {
  const parts = spec.split('+');
  const key = parts.pop()!;
  const want = new Set(parts);
  const ctrl = e.ctrlKey || e.metaKey;
  if (want.has('ctrl') !== ctrl || want.has('alt') !== e.altKey || want.has('shift') !== e.shiftKey) return false;
  return e.code === key || e.key === key;
}

/** True while an antd modal or drawer is open: shortcuts of the page underneath must not fire. */
export function overlayOpen(): boolean {
  return Array.from(document.querySelectorAll<HTMLElement>('.ant-modal-wrap, .ant-drawer-open')).some((el) => el.offsetParent !== null || getComputedStyle(el).display !== 'none');
}

export function useHotkeys(map: Record<string, Handler>, enabled = true, options: { inOverlay?: boolean } = {}): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.repeat) return;
      for (const [spec, handler] of Object.entries(ref.current)) {
        if (!matches(spec, e)) continue;
        if (!options.inOverlay && overlayOpen()) return;
        e.preventDefault();
        handler(e);
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, options.inOverlay]);
}

/** Focuses the first element matching the selector once it is in the page (after a render or a load). */
export function focusSoon(selector: string, tries = 20): void {
  const attempt = (left: number) => {
    const el = document.querySelector<HTMLElement>(selector);
    if (el && !el.hasAttribute('disabled')) {
      el.focus();
      return;
    }
    if (left > 0) window.setTimeout(() => attempt(left - 1), 50);
  };
  window.setTimeout(() => attempt(tries), 0);
}
