import { Card, Col, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { MATERIAL_FORMS } from '@domain/catalog';
import { useAdminT } from '../admin-t';
import { nextMaterialCode, type ItemFormValues } from '../item-form';
import { BoxedRowList } from './BoxedRowList';

/** The materials the applicant hands in; an optional one says when it is needed. */
export function MaterialsSection() {
  const t = useAdminT();
  const form = Form.useFormInstance<ItemFormValues>();
  return (
    <Card title={t('editor.section.materials')}>
      <BoxedRowList
        name="materials"
        testid="material"
        empty={<Typography.Text type="secondary">{t('editor.noMaterials')}</Typography.Text>}
        addLabel={t('field.addMaterial')}
        newRow={() => ({
          code: nextMaterialCode((form.getFieldValue('materials') as { code?: string }[] | undefined) ?? []),
          name: '',
          form: 'original',
          copies: 1,
          required: true,
        })}
        renderRow={(field, index, buttons) => (
          <>
            <Col xs={8} md={3}>
              <Form.Item
                label={t('field.mat.code')}
                name={[field.name, 'code']}
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t('field.mat.code') }) },
                  { pattern: /^[A-Za-z0-9_-]{1,20}$/, message: t('editor.codePattern') },
                ]}
              >
                <Input data-testid={`material-${index}-code`} />
              </Form.Item>
            </Col>
            <Col xs={16} md={9}>
              <Form.Item label={t('field.mat.name')} name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.mat.name') }) }]}>
                <Input data-testid={`material-${index}-name`} />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item label={t('field.mat.nameEn')} name={[field.name, 'nameEn']}>
                <Input data-testid={`material-${index}-nameEn`} maxLength={300} lang="en" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('field.mat.form')} name={[field.name, 'form']} rules={[{ required: true }]}>
                <Select data-testid={`material-${index}-form`} options={MATERIAL_FORMS.map((f) => ({ value: f, label: t(`form.${f}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={6} md={2}>
              <Form.Item label={t('field.mat.copies')} name={[field.name, 'copies']} rules={[{ required: true, type: 'integer', min: 1, max: 99 }]}>
                <InputNumber data-testid={`material-${index}-copies`} min={1} max={99} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={6} md={2}>
              <Form.Item label={t('field.mat.required')} name={[field.name, 'required']} valuePropName="checked">
                <Switch data-testid={`material-${index}-required`} />
              </Form.Item>
            </Col>
            {buttons}
            <Form.Item noStyle dependencies={[['materials', field.name, 'required']]}>
              {({ getFieldValue }) =>
                getFieldValue(['materials', field.name, 'required']) ? null : (
                  <Col xs={24} md={12}>
                    <Form.Item
                      label={t('field.mat.condition')}
                      name={[field.name, 'condition']}
                      rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.mat.condition') }) }]}
                    >
                      <Input data-testid={`material-${index}-condition`} />
                    </Form.Item>
                  </Col>
                )
              }
            </Form.Item>
            <Col xs={24} md={12}>
              <Form.Item label={t('field.mat.source')} name={[field.name, 'source']}>
                <Input data-testid={`material-${index}-source`} />
              </Form.Item>
            </Col>
          </>
        )}
      />
    </Card>
  );
}
