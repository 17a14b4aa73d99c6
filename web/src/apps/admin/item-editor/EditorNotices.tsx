import { Alert } from 'antd';
import { useAdminT } from '../admin-t';
import type { ItemEditorState } from './use-item-editor';

/** Above the form: the last publish, the last failed save, and which version the form edits. */
export function EditorNotices({ editor }: { editor: ItemEditorState }) {
  const t = useAdminT();
  const { publishResult, formError, retired, base, draft } = editor;
  return (
    <>
      {publishResult && (
        <Alert
          data-testid="publish-result"
          type={publishResult.warnings?.length ? 'warning' : 'success'}
          showIcon
          closable={{ onClose: editor.dismissPublishResult }}
          title={
            publishResult.warnings?.length
              ? t('editor.publishWarnings', { v: publishResult.version })
              : t('editor.published', { v: publishResult.version })
          }
          description={
            publishResult.warnings?.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {publishResult.warnings.map((w) => (
                  <li key={w.code}>{w.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {formError && (
        <Alert
          data-testid="form-error"
          type="error"
          showIcon
          closable={{ onClose: editor.dismissFormError }}
          title={formError.text}
          description={
            formError.problems.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {formError.problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.field}</code>: {p.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {retired && <Alert type="warning" showIcon title={t('editor.retiredAlert')} />}
      {base && !retired && (
        <Alert
          type="info"
          showIcon
          title={draft ? t('editor.editingDraft', { v: draft.version }) : t('editor.editingFromLatest', { v: base.version })}
        />
      )}
    </>
  );
}
