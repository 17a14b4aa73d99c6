import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAdminT } from '../admin-t';
import { RowButtons } from './RowButtons';

/** The numbered steps of the procedure, one line each. */
export function ProcedureSection() {
  const t = useAdminT();
  return (
    <Card title={t('editor.section.procedure')}>
      <Form.List name="procedure">
        {(fields, { add, remove, move }, { errors }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((field, index) => (
              <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <Typography.Text type="secondary" style={{ minWidth: 64, lineHeight: '32px' }}>
                  {t('field.procedureStep', { n: index + 1 })}
                </Typography.Text>
                <Form.Item name={field.name} style={{ flex: 1, marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('field.procedure') }) }]}>
                  <Input data-testid={`procedure-${index}`} />
                </Form.Item>
                <RowButtons index={index} count={fields.length} move={move} remove={() => remove(field.name)} />
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="add-step">
              {t('field.addStep')}
            </Button>
          </Space>
        )}
      </Form.List>
    </Card>
  );
}
