/**
 * What a consultation or complaint is about, and the one field that names it: shared by the portal
 * form and the staff register form, so both send the same body to the API.
 */
import { Form, Input, InputNumber, Select } from 'antd';
import type { Department } from '#contract/departments.js';
import type { Lang } from '../i18n';
import { useAppT } from '../i18n';
import * as messages from './messages';
import { COMPLAINT_ABOUT, type ComplaintAbout, type ComplaintKind } from '@domain/complaint-rules';

export function AboutFields({ about, departments, lang }: { about: ComplaintAbout | undefined; departments: Department[]; lang: Lang }) {
  const t = useAppT(messages);
  const required = [{ required: true, message: t('cp.required') }];
  return (
    <>
      <Form.Item name="about" label={t('cp.about')} rules={required}>
        <Select data-testid="cp-about" options={COMPLAINT_ABOUT.map((a) => ({ value: a, label: t(`cp.about.${a}`) }))} />
      </Form.Item>
      {about === 'case' && (
        <Form.Item name="caseNo" label={t('cp.caseNo')} rules={required}>
          <Input maxLength={30} data-testid="cp-case-no" />
        </Form.Item>
      )}
      {about === 'window' && (
        <Form.Item name="windowNumber" label={t('cp.windowNumber')} rules={required}>
          <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} data-testid="cp-window" />
        </Form.Item>
      )}
      {about === 'staff' && (
        <Form.Item name="staffName" label={t('cp.staffName')} rules={required}>
          <Input maxLength={40} data-testid="cp-staff" />
        </Form.Item>
      )}
      {about === 'department' && (
        <Form.Item name="department" label={t('cp.department')} rules={required}>
          <Select
            data-testid="cp-department"
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn || d.name }))}
          />
        </Form.Item>
      )}
    </>
  );
}

export interface ComplaintFormValues {
  kind: ComplaintKind;
  about: ComplaintAbout;
  caseNo?: string;
  windowNumber?: number;
  staffName?: string;
  department?: string;
  anonymous?: boolean;
  contactName?: string;
  contactPhone?: string;
  contactAddress?: string;
  subject: string;
  content: string;
}

/** Only the field that matches `about` is sent; the rest of the form may hold stale values. */
export function complaintBody(v: ComplaintFormValues) {
  const anonymous = v.kind === 'consultation' && !!v.anonymous;
  const trim = (s?: string) => (s && s.trim() ? s.trim() : undefined);
  return {
    kind: v.kind,
    about: v.about,
    caseNo: v.about === 'case' ? trim(v.caseNo)?.toUpperCase() : undefined,
    windowNumber: v.about === 'window' ? v.windowNumber : undefined,
    staffName: v.about === 'staff' ? trim(v.staffName) : undefined,
    department: v.about === 'department' ? v.department : undefined,
    anonymous,
    contactName: anonymous ? undefined : trim(v.contactName),
    contactPhone: anonymous ? undefined : trim(v.contactPhone),
    contactAddress: anonymous ? undefined : trim(v.contactAddress),
    subject: v.subject.trim(),
    content: v.content.trim(),
  };
}
