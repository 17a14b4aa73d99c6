/**
 * A plain list (ul/li) for the station's phone screens. antd 6 deprecates its List; the station's
 * lists need no more than rows, an empty text and a header.
 */
import type { ReactNode } from 'react';

export function PlainList<T>({ items, render, empty, header, className, rowKey }: {
  items: T[];
  render: (item: T) => ReactNode;
  rowKey: (item: T) => string | number;
  empty?: ReactNode;
  header?: ReactNode;
  className?: string;
}) {
  return (
    <div className={`station-list ${className ?? ''}`}>
      {header && <div className="station-list-header">{header}</div>}
      {items.length === 0 ? empty ?? null : <ul>{items.map((i) => <li key={rowKey(i)} className="station-list-row">{render(i)}</li>)}</ul>}
    </div>
  );
}
