import { Card, Col, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useAdminT } from '../admin-t';
import type { DepartmentOptions } from './department-options';
import { BoxedRowList } from './BoxedRowList';

/** A joint item's stages: each names its departments, one of them the lead. */
export function StagesSection({ departments }: { departments: DepartmentOptions }) {
  const t = useAdminT();
  return (
    <Card title={t('editor.section.stages')}>
      <BoxedRowList
        name="stages"
        testid="stage"
        empty={<Typography.Text type="warning">{t('editor.noStages')}</Typography.Text>}
        addLabel={t('field.addStage')}
        newRow={() => ({ name: '', limitDays: 5, departmentCodes: [] })}
        renderRow={(field, index, buttons) => (
          <>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.stage.name')} name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.stage.name') }) }]}>
                <Input data-testid={`stage-${index}-name`} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('field.stage.limitDays')} name={[field.name, 'limitDays']} rules={[{ required: true, type: 'integer', min: 0 }]}>
                <InputNumber data-testid={`stage-${index}-limitDays`} min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('field.stage.departments')} name={[field.name, 'departmentCodes']} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('field.stage.departments') }) }]}>
                <Select data-testid={`stage-${index}-departments`} mode="multiple" options={departments.options} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            {buttons}
            <Form.Item noStyle dependencies={[['stages', field.name, 'departmentCodes']]}>
              {({ getFieldValue }) => {
                const codes = (getFieldValue(['stages', field.name, 'departmentCodes']) as string[] | undefined) ?? [];
                return (
                  <Col xs={24} md={8}>
                    <Form.Item label={t('field.stage.lead')} name={[field.name, 'lead']} rules={[{ required: true, message: t('common.required', { field: t('field.stage.lead') }) }]}>
                      <Select data-testid={`stage-${index}-lead`} allowClear options={codes.map((c) => ({ value: c, label: departments.label(c) }))} />
                    </Form.Item>
                  </Col>
                );
              }}
            </Form.Item>
          </>
        )}
      />
    </Card>
  );
}
