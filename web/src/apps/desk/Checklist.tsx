/**
 * The item's material checklist (一次性告知 at the window): one checkbox per material, Tab moves,
 * Space ticks, Alt+A ticks every required one. Also used for resupply, where the materials
 * already handed in stay ticked and locked.
 */
import { Button, Checkbox, Progress, Tag } from 'antd';
import { CheckCircleFilled, CheckSquareOutlined } from '@ant-design/icons';
import type { MaterialForm } from '@domain/catalog';
import { useDeskT } from './i18n';
import { useI18n } from '../../shared/i18n';
import { localName } from '../../shared/labels';

export interface ChecklistMaterial {
  code: string;
  name: string;
  nameEn?: string;
  required: boolean;
  form?: MaterialForm;
  copies?: number;
  condition?: string;
  source?: string;
}

interface Props {
  materials: ChecklistMaterial[];
  ticked: Record<string, boolean>;
  onChange: (code: string, value: boolean) => void;
  onTickRequired: () => void;
  onClear?: () => void;
  /** Materials that were handed in earlier (resupply): shown ticked and locked. */
  locked?: Record<string, boolean>;
  tickLabel?: string;
  testId?: string;
}

export function Checklist({ materials, ticked, onChange, onTickRequired, onClear, locked = {}, tickLabel, testId = 'checklist' }: Props) {
  const t = useDeskT();
  const { lang } = useI18n();
  const required = materials.filter((m) => m.required);
  const have = required.filter((m) => ticked[m.code] || locked[m.code]).length;
  const complete = have === required.length;
  return (
    <div className="desk-checklist" data-testid={testId}>
      <div className="desk-checklist-bar">
        <div className="desk-checklist-progress">
          {complete ? (
            <CheckCircleFilled className="desk-complete-icon" aria-hidden />
          ) : (
            <Progress type="circle" size={30} percent={Math.round((have / required.length) * 100)} format={() => null} aria-hidden />
          )}
          <span data-testid="required-count">
            {t('checklist.requiredCount', { have, n: required.length })}
            {complete ? <Tag color="success" className="desk-tag-gap">{t('checklist.complete')}</Tag> : <Tag color="warning" className="desk-tag-gap">{t('checklist.missingN', { n: required.length - have })}</Tag>}
          </span>
        </div>
        <div className="desk-checklist-actions">
          <Button size="small" icon={<CheckSquareOutlined />} onClick={onTickRequired} data-testid="tick-required">
            {tickLabel ?? t('checklist.tickRequired')} <kbd className="desk-kbd">Alt+A</kbd>
          </Button>
          {onClear && (
            <Button size="small" onClick={onClear} data-testid="tick-clear" autoInsertSpace={false}>
              {t('checklist.clear')}
            </Button>
          )}
        </div>
      </div>
      <ol className="desk-materials">
        {materials.map((m, i) => {
          const isLocked = !!locked[m.code];
          const checked = isLocked || !!ticked[m.code];
          return (
            <li key={m.code} className={`desk-material${checked ? ' checked' : ''}${m.required && !checked ? ' missing' : ''}`}>
              <Checkbox
                checked={checked}
                disabled={isLocked}
                onChange={(e) => onChange(m.code, e.target.checked)}
                data-testid="material-checkbox"
                data-code={m.code}
                data-required={m.required ? 'true' : 'false'}
                className="desk-material-check"
              >
                <span className="desk-material-body">
                  <span className="desk-material-name">
                    <span className="desk-material-no">{i + 1}.</span>
                    <span data-testid="material-name">{localName(m, lang)}</span>
                  </span>
                  <span className="desk-material-meta">
                    {m.required ? <Tag color="red">{t('material.required')}</Tag> : <Tag color="default">{t('material.conditional')}</Tag>}
                    {m.form && <span>{t(`form.${m.form}`)}</span>}
                    {m.copies ? <span>{t('checklist.copies', { n: m.copies })}</span> : null}
                    {isLocked && <Tag color="blue">{t('checklist.earlier')}</Tag>}
                  </span>
                  {m.condition && <span className="desk-material-cond">{t('material.conditionalWhen', { condition: m.condition })}</span>}
                  {m.source && <span className="desk-material-source">{m.source}</span>}
                </span>
              </Checkbox>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
