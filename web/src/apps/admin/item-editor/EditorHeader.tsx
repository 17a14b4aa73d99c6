import { Card, Space, Typography } from 'antd';
import { StatusTag } from '../../../shared/labels';
import { useAdminT } from '../admin-t';
import type { DepartmentOptions } from './department-options';
import { EditorActions } from './EditorActions';
import type { ItemEditorState } from './use-item-editor';

/** The title, code, department and status, with the actions; it stays in view while the long form scrolls. */
export function EditorHeader({
  editor,
  itemName,
  code,
  departments,
}: {
  editor: ItemEditorState;
  /** The name as typed, ahead of the saved one. */
  itemName: string | undefined;
  code: string | null;
  departments: DepartmentOptions;
}) {
  const t = useAdminT();
  const { isNew, item, base } = editor;
  return (
    <Card style={{ position: 'sticky', top: 0, zIndex: 20, boxShadow: '0 2px 8px rgba(0,0,0,0.06)' }} styles={{ body: { padding: '12px 20px' } }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <Space orientation="vertical" size={2}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="editor-title">
            {isNew ? t('editor.titleNew') : itemName || base?.name}
          </Typography.Title>
          {item && (
            <Space wrap size={4}>
              <Typography.Text type="secondary">{item.code}</Typography.Text>
              <Typography.Text type="secondary">· {departments.label(item.department.code) || item.department.name}</Typography.Text>
              <StatusTag status={item.status} />
            </Space>
          )}
        </Space>
        <EditorActions editor={editor} name={itemName || code || ''} />
      </div>
    </Card>
  );
}
