import { Button, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useAdminT } from '../admin-t';

/** Move up, move down and remove for one row of a Form.List. */
export function RowButtons({
  index,
  count,
  move,
  remove,
  testid,
}: {
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: () => void;
  testid?: string;
}) {
  const t = useAdminT();
  return (
    <Space size={4}>
      <Tooltip title={t('editor.moveUp')}>
        <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('editor.moveUp')} data-testid={testid ? `${testid}-up` : undefined} />
      </Tooltip>
      <Tooltip title={t('editor.moveDown')}>
        <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => move(index, index + 1)} aria-label={t('editor.moveDown')} data-testid={testid ? `${testid}-down` : undefined} />
      </Tooltip>
      <Tooltip title={t('editor.remove')}>
        <Button size="small" danger icon={<DeleteOutlined />} onClick={remove} aria-label={t('editor.remove')} data-testid={testid ? `${testid}-remove` : undefined} />
      </Tooltip>
    </Space>
  );
}
