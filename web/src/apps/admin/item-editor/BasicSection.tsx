import { Card, Col, Form, Input, Row, Select } from 'antd';
import { ITEM_KINDS } from '@domain/catalog';
import { useAdminT } from '../admin-t';
import type { DepartmentOptions } from './department-options';

/** Name, kind, category, events, legal basis, conditions; a new item also takes its code and department here. */
export function BasicSection({ isNew, departments }: { isNew: boolean; departments: DepartmentOptions }) {
  const t = useAdminT();
  return (
    <Card title={t('editor.section.basic')}>
      <Row gutter={16}>
        {isNew && (
          <>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('field.code')}
                name="code"
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t('field.code') }) },
                  { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, message: t('editor.codePattern') },
                ]}
              >
                <Input data-testid="item-code" maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.department')} name="department" rules={[{ required: true, message: t('common.required', { field: t('field.department') }) }]}>
                <Select data-testid="item-department" options={departments.options} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
          </>
        )}
        <Col xs={24} md={16}>
          <Form.Item label={t('field.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.name') }) }]}>
            <Input data-testid="item-name" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item label={t('field.nameEn')} name="nameEn" extra={t('field.nameEnHelp')}>
            <Input data-testid="item-nameEn" maxLength={300} lang="en" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('field.kind')} name="kind" rules={[{ required: true }]}>
            <Select data-testid="item-kind" options={ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('field.category')} name="category" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.category') }) }]}>
            <Input data-testid="item-category" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item label={t('field.events')} name="events">
            <Select data-testid="item-events" mode="tags" open={false} suffixIcon={null} placeholder={t('field.eventsPlaceholder')} tokenSeparators={[',', '，']} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('field.legalBasis')} name="legalBasis">
            <Input.TextArea data-testid="item-legalBasis" autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('field.conditions')} name="conditions">
            <Input.TextArea data-testid="item-conditions" autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
