import { Card, Col, Form, Input, InputNumber, Row, Switch, Typography } from 'antd';
import type { ItemKind } from '@domain/catalog';
import { useAdminT } from '../admin-t';
import type { ItemFormValues } from '../item-form';

/**
 * Time limits, fees and the online / deemed-approval switches. The promised limit shows its share of
 * the statutory one, marked once it passes the settings' bound (ratioMax).
 */
export function LimitsSection({ kind, ratioMax }: { kind: ItemKind | undefined; ratioMax: number }) {
  const t = useAdminT();
  const form = Form.useFormInstance<ItemFormValues>();
  const statutoryDays = Form.useWatch('statutoryDays', form);
  const promisedDays = Form.useWatch('promisedDays', form);
  const ratio = statutoryDays > 0 && typeof promisedDays === 'number' ? promisedDays / statutoryDays : null;
  return (
    <Card title={t('editor.section.limits')}>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item label={t('field.statutoryDays')} name="statutoryDays" rules={[{ required: true, type: 'integer', min: 0 }]}>
            <InputNumber data-testid="item-statutoryDays" min={0} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            label={t('field.promisedDays')}
            name="promisedDays"
            dependencies={['statutoryDays']}
            extra={
              kind === 'immediate' ? (
                t('editor.immediateHint')
              ) : ratio !== null ? (
                <Typography.Text type={ratio > ratioMax ? 'warning' : 'secondary'} data-testid="promised-ratio">
                  {t('editor.ratio', { p: Math.round(ratio * 100) })}
                </Typography.Text>
              ) : undefined
            }
            rules={[
              { required: true, type: 'integer', min: 0 },
              ({ getFieldValue }) => ({
                validator: (_, value: number | null) =>
                  typeof value === 'number' && value > (getFieldValue('statutoryDays') ?? 0)
                    ? Promise.reject(new Error(t('editor.promisedOverStatutory')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <InputNumber data-testid="item-promisedDays" min={0} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('field.fee')} name="feeYuan" rules={[{ required: true, type: 'number', min: 0 }]}>
            <InputNumber data-testid="item-fee" min={0} precision={2} step={1} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('field.feeStandard')} name="feeStandard">
            <Input data-testid="item-feeStandard" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('field.feeBasis')} name="feeBasis">
            <Input.TextArea data-testid="item-feeBasis" autoSize={{ minRows: 1, maxRows: 6 }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('field.onlineAllowed')} name="onlineAllowed" valuePropName="checked">
            <Switch data-testid="item-onlineAllowed" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('field.deemedApproval')} name="deemedApproval" valuePropName="checked">
            <Switch data-testid="item-deemedApproval" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
