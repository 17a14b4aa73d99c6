import { Card, Col, Form, Input, Row } from 'antd';
import { useAdminT } from '../admin-t';

/** What the applicant receives, and where and whom to ask. */
export function ResultSection() {
  const t = useAdminT();
  return (
    <Card title={t('editor.section.result')}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label={t('field.resultType')} name="resultType">
            <Input data-testid="item-resultType" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item label={t('field.resultName')} name="resultName">
            <Input data-testid="item-resultName" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item label={t('field.location')} name="location">
            <Input data-testid="item-location" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('field.phone')} name="phone">
            <Input data-testid="item-phone" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
