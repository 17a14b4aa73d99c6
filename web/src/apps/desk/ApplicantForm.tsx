/**
 * The applicant (person or organization) and the optional agent (代办人). Every number is checked
 * as it is typed with the server's own validators; Enter moves to the next field.
 */
import type { KeyboardEvent, ReactNode } from 'react';
import { Checkbox, Form, Input, Radio } from 'antd';
import { useDeskT } from './i18n';
import type { DeskKey } from './messages';
import {
  creditCodeError, idNumberError, idNumberFacts, normalizeIdInput, normalizePhoneInput, phoneError, textError,
} from './validation';

export interface ApplicantDraft {
  kind: 'person' | 'organization';
  name: string;
  idNumber: string;
  creditCode: string;
  phone: string;
}

export interface AgentDraft {
  name: string;
  idNumber: string;
  phone: string;
  relation: string;
}

export interface IntakeDraft {
  applicant: ApplicantDraft;
  hasAgent: boolean;
  agent: AgentDraft;
  urgent: boolean;
}

export const emptyDraft = (): IntakeDraft => ({
  applicant: { kind: 'person', name: '', idNumber: '', creditCode: '', phone: '' },
  hasAgent: false,
  agent: { name: '', idNumber: '', phone: '', relation: '' },
  urgent: false,
});

export type FieldId = 'a-name' | 'a-id' | 'a-cc' | 'a-phone' | 'g-name' | 'g-id' | 'g-phone' | 'g-relation';

/** The DOM id of a field's input, for focusing the first wrong one. */
export const fieldDomId = (f: FieldId) => `desk-f-${f}`;

const MAX = { name: 100, agentName: 50, relation: 50 };

/** Errors of the fields in use; `final` says whether an unfinished value counts as wrong yet. */
export function draftErrors(d: IntakeDraft, final: (f: FieldId) => boolean): Partial<Record<FieldId, DeskKey>> {
  const out: Partial<Record<FieldId, DeskKey | null>> = {};
  const a = d.applicant;
  out['a-name'] = textError(a.name, final('a-name'), MAX.name, a.kind === 'person' ? 'v.nameRequired' : 'v.orgNameRequired');
  if (a.kind === 'person') out['a-id'] = idNumberError(a.idNumber, final('a-id'));
  else out['a-cc'] = creditCodeError(a.creditCode, final('a-cc'));
  out['a-phone'] = phoneError(a.phone, final('a-phone'));
  if (d.hasAgent) {
    out['g-name'] = textError(d.agent.name, final('g-name'), MAX.agentName, 'v.agentNameRequired');
    out['g-id'] = idNumberError(d.agent.idNumber, final('g-id'));
    out['g-phone'] = phoneError(d.agent.phone, final('g-phone'));
    out['g-relation'] = textError(d.agent.relation, final('g-relation'), MAX.relation, 'v.relationRequired');
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v)) as Partial<Record<FieldId, DeskKey>>;
}

export const FIELD_ORDER: FieldId[] = ['a-name', 'a-id', 'a-cc', 'a-phone', 'g-name', 'g-relation', 'g-id', 'g-phone'];

interface Props {
  draft: IntakeDraft;
  onChange: (d: IntakeDraft) => void;
  errors: Partial<Record<FieldId, DeskKey>>;
  onBlurField: (f: FieldId) => void;
  /** Enter in the last field. */
  onSubmit: () => void;
  disabled?: boolean;
}

export function ApplicantForm({ draft, onChange, errors, onBlurField, onSubmit, disabled }: Props) {
  const t = useDeskT();
  const a = draft.applicant;
  const g = draft.agent;
  const setA = (patch: Partial<ApplicantDraft>) => onChange({ ...draft, applicant: { ...a, ...patch } });
  const setG = (patch: Partial<AgentDraft>) => onChange({ ...draft, agent: { ...g, ...patch } });

  const help = (f: FieldId, ok?: ReactNode) => {
    const e = errors[f];
    if (e) return { validateStatus: 'error' as const, help: <span data-testid={`error-${f}`}>{t(e, { n: f === 'a-name' ? MAX.name : f === 'g-name' ? MAX.agentName : MAX.relation })}</span> };
    if (ok) return { validateStatus: 'success' as const, help: ok };
    return {};
  };

  const idOk = (v: string) => {
    const facts = idNumberFacts(v);
    return facts ? t('applicant.idFacts', { birth: facts.birth, sex: t(facts.female ? 'applicant.female' : 'applicant.male') }) : undefined;
  };

  // Enter in a text field goes to the next one (the habit of Chinese data-entry screens); in the last, it submits.
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    if (!(target instanceof HTMLInputElement) || target.type !== 'text') return;
    const fields = Array.from(e.currentTarget.querySelectorAll<HTMLInputElement>('input[data-enter-nav]'));
    const i = fields.indexOf(target);
    if (i < 0) return;
    e.preventDefault();
    const next = fields[i + 1];
    if (next) next.focus();
    else onSubmit();
  }

  const field = (f: FieldId, value: string, set: (v: string) => void, opts: { label: string; placeholder?: string; inputMode?: 'numeric' | 'text'; maxLength?: number; ok?: ReactNode; mono?: boolean; autoComplete?: string }) => (
    <Form.Item label={opts.label} required {...help(f, opts.ok)} htmlFor={fieldDomId(f)}>
      <Input
        id={fieldDomId(f)}
        value={value}
        onChange={(e) => set(e.target.value)}
        onBlur={() => onBlurField(f)}
        placeholder={opts.placeholder}
        inputMode={opts.inputMode}
        maxLength={opts.maxLength}
        autoComplete="off"
        spellCheck={false}
        className={opts.mono ? 'desk-mono' : undefined}
        data-enter-nav=""
        data-testid={`field-${f}`}
        disabled={disabled}
      />
    </Form.Item>
  );

  const person = a.kind === 'person';
  return (
    <div className="desk-applicant" onKeyDown={onKeyDown}>
      <Form layout="vertical" size="middle" requiredMark component="div" className="desk-form">
        <Form.Item label={t('applicant.kind')} className="desk-form-kind">
          <Radio.Group
            value={a.kind}
            onChange={(e) => setA({ kind: e.target.value })}
            optionType="button"
            buttonStyle="solid"
            disabled={disabled}
            data-testid="applicant-kind"
            options={[
              { value: 'person', label: t('applicant.kindPerson') },
              { value: 'organization', label: t('applicant.kindOrg') },
            ]}
          />
        </Form.Item>
        {field('a-name', a.name, (v) => setA({ name: v }), { label: t(person ? 'applicant.name' : 'applicant.orgName'), maxLength: MAX.name })}
        {person
          ? field('a-id', a.idNumber, (v) => setA({ idNumber: normalizeIdInput(v) }), { label: t('applicant.idNumber'), placeholder: t('applicant.idPlaceholder'), mono: true, ok: idOk(a.idNumber) })
          : field('a-cc', a.creditCode, (v) => setA({ creditCode: normalizeIdInput(v) }), { label: t('applicant.creditCode'), placeholder: t('applicant.ccPlaceholder'), mono: true, ok: a.creditCode.length === 18 && !errors['a-cc'] ? t('applicant.ccOk') : undefined })}
        {field('a-phone', a.phone, (v) => setA({ phone: normalizePhoneInput(v) }), { label: t(person ? 'applicant.phone' : 'applicant.orgPhone'), placeholder: t('applicant.phonePlaceholder'), inputMode: 'numeric', mono: true })}
        <div className="desk-form-checks">
          <Checkbox checked={draft.hasAgent} onChange={(e) => onChange({ ...draft, hasAgent: e.target.checked })} disabled={disabled} data-testid="has-agent">
            {t('applicant.hasAgent')}
          </Checkbox>
          <Checkbox checked={draft.urgent} onChange={(e) => onChange({ ...draft, urgent: e.target.checked })} disabled={disabled} data-testid="urgent">
            {t('applicant.urgent')}
          </Checkbox>
        </div>
        {draft.hasAgent && (
          <fieldset className="desk-agent" data-testid="agent-fields">
            <legend>{t('applicant.agent')}</legend>
            <div className="desk-grid-2">
              {field('g-name', g.name, (v) => setG({ name: v }), { label: t('applicant.agentName'), maxLength: MAX.agentName })}
              {field('g-relation', g.relation, (v) => setG({ relation: v }), { label: t('applicant.relation'), placeholder: t('applicant.relationPlaceholder'), maxLength: MAX.relation })}
            </div>
            {field('g-id', g.idNumber, (v) => setG({ idNumber: normalizeIdInput(v) }), { label: t('applicant.agentId'), placeholder: t('applicant.idPlaceholder'), mono: true, ok: idOk(g.idNumber) })}
            {field('g-phone', g.phone, (v) => setG({ phone: normalizePhoneInput(v) }), { label: t('applicant.agentPhone'), placeholder: t('applicant.phonePlaceholder'), inputMode: 'numeric', mono: true })}
          </fieldset>
        )}
      </Form>
    </div>
  );
}
