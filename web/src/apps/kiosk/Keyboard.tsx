/**
 * The on-screen keyboard and the big input fields it types into. Inputs keep `inputMode="none"` so a
 * touch screen does not raise the system keyboard over ours, while a physical keyboard or a barcode
 * scanner (which is a keyboard) still types into the focused field as usual.
 */
import { forwardRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

export type KeyboardLayout = 'alpha' | 'numeric';

const ALPHA_ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
const NUMERIC_ROWS = ['123', '456', '789', 'X0-'];

export interface KeyboardLabels {
  label: string;
  backspace: string;
  clear: string;
  enter: string;
}

/** Keeps the focus (and caret) in the field being typed into when a key is pressed. */
const keepFocus = (e: MouseEvent) => e.preventDefault();

export function Keyboard({
  layout,
  labels,
  onKey,
  onBackspace,
  onClear,
  onEnter,
  enterLabel,
}: {
  layout: KeyboardLayout;
  labels: KeyboardLabels;
  onKey: (key: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  onEnter?: () => void;
  enterLabel?: string;
}) {
  const rows = layout === 'alpha' ? ALPHA_ROWS : NUMERIC_ROWS;
  return (
    <div className={`kiosk-kb kiosk-kb-${layout}`} role="group" aria-label={labels.label} data-testid="kiosk-keyboard" data-layout={layout}>
      {rows.map((row) => (
        <div className="kiosk-kb-row" key={row}>
          {[...row].map((k) => (
            <button type="button" key={k} className="kiosk-key" data-testid={`kb-${k}`} onMouseDown={keepFocus} onClick={() => onKey(k)}>
              {k}
            </button>
          ))}
        </div>
      ))}
      <div className="kiosk-kb-row">
        <button type="button" className="kiosk-key kiosk-key-wide" data-testid="kb-clear" onMouseDown={keepFocus} onClick={onClear}>
          {labels.clear}
        </button>
        <button
          type="button"
          className="kiosk-key kiosk-key-wide"
          data-testid="kb-backspace"
          aria-label={labels.backspace}
          title={labels.backspace}
          onMouseDown={keepFocus}
          onClick={onBackspace}
        >
          <span aria-hidden="true">⌫</span>
        </button>
        {onEnter && (
          <button type="button" className="kiosk-key kiosk-key-wide kiosk-key-enter" data-testid="kb-enter" onMouseDown={keepFocus} onClick={onEnter}>
            {enterLabel ?? labels.enter}
          </button>
        )}
      </div>
    </div>
  );
}

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  active: boolean;
  invalid?: string | null;
  maxLength: number;
  onChange: (value: string) => void;
  onFocus: () => void;
  onEnter?: () => void;
  testId: string;
  hint?: ReactNode;
}

/** One big labelled input; the active one (where the on-screen keys go) is highlighted. */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field(
  { id, label, value, placeholder, active, invalid, maxLength, onChange, onFocus, onEnter, testId, hint },
  ref,
) {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnter?.();
    }
  };
  return (
    <div className={`kiosk-field${active ? ' kiosk-field-active' : ''}${invalid ? ' kiosk-field-invalid' : ''}`}>
      <label htmlFor={id} className="kiosk-field-label">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        className="kiosk-input"
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        inputMode="none"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
        onFocus={onFocus}
        onKeyDown={onKeyDown}
      />
      {invalid ? (
        <div id={`${id}-error`} className="kiosk-field-error" role="alert" data-testid={`${testId}-error`}>
          {invalid}
        </div>
      ) : (
        hint && <div className="kiosk-field-hint">{hint}</div>
      )}
    </div>
  );
});
