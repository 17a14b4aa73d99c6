import type { ReactNode } from 'react';
import { Button, Col, Form, Row, Space } from 'antd';
import type { FormListFieldData } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { RowButtons } from './RowButtons';

/**
 * A Form.List whose rows are boxed groups of fields (materials, joint stages): the row at index i
 * is `${testid}-${i}`, its buttons `${testid}-${i}-up|down|remove`, the add button `add-${testid}`.
 * renderRow places the row's buttons itself, since the buttons sit mid-row, before the fields that
 * come and go with other values.
 */
export function BoxedRowList({
  name,
  testid,
  empty,
  addLabel,
  newRow,
  renderRow,
}: {
  name: string;
  testid: string;
  /** Shown while the list is empty. */
  empty: ReactNode;
  addLabel: string;
  newRow: () => unknown;
  renderRow: (field: FormListFieldData, index: number, buttons: ReactNode) => ReactNode;
}) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove, move }, { errors }) => (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {fields.length === 0 && empty}
          {fields.map((field, index) => (
            <div key={field.key} data-testid={`${testid}-${index}`} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0' }}>
              <Row gutter={12}>
                {renderRow(
                  field,
                  index,
                  <Col xs={24} md={4} style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', paddingBottom: 24 }}>
                    <RowButtons index={index} count={fields.length} move={move} remove={() => remove(field.name)} testid={`${testid}-${index}`} />
                  </Col>,
                )}
              </Row>
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newRow())} data-testid={`add-${testid}`}>
            {addLabel}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
