import { Button, Popconfirm, Space, Tag, Tooltip } from 'antd';
import type { ButtonProps } from 'antd';
import { CloudUploadOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import { useAdminT } from '../admin-t';
import type { ItemEditorState } from './use-item-editor';

/** Save draft, publish and retire; while one runs the others wait. */
export function EditorActions({ editor, name }: { editor: ItemEditorState; name: string }) {
  const t = useAdminT();
  const { isNew, retired, dirty, busy, canPublish } = editor;
  return (
    <Space wrap>
      {dirty && <Tag color="orange">{t('editor.unsaved')}</Tag>}
      <Button icon={<SaveOutlined />} onClick={editor.onSave} loading={busy === 'save'} disabled={retired || (busy !== null && busy !== 'save')} data-testid="save-draft">
        {t('editor.saveDraft')}
      </Button>
      {!isNew && (
        <Tooltip title={canPublish ? undefined : t('editor.nothingToPublish')}>
          {/* Publishing makes the draft public at once and for every new case: asked once more first. */}
          <Popconfirm
            title={t('editor.publishConfirmTitle', { name })}
            description={t('editor.publishConfirm')}
            onConfirm={editor.onPublish}
            okText={t('editor.publish')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'publish-confirm' } as ButtonProps}
            disabled={!canPublish || busy !== null}
          >
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={busy === 'publish'}
              disabled={!canPublish || (busy !== null && busy !== 'publish')}
              data-testid="publish"
            >
              {t('editor.publish')}
            </Button>
          </Popconfirm>
        </Tooltip>
      )}
      {!isNew && !retired && (
        <Popconfirm title={t('editor.retireConfirm')} onConfirm={editor.onRetire} okButtonProps={{ danger: true }} okText={t('editor.retire')} cancelText={t('common.cancel')}>
          <Button danger icon={<StopOutlined />} loading={busy === 'retire'} disabled={busy !== null} data-testid="retire">
            {t('editor.retire')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
