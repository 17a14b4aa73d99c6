/** "Mark reviewed" for a computed finding: a note kept with who and when; the newest review is shown. */
import { useState } from 'react';
import { App, Button, Input, Modal, Tag, Tooltip } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { api } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { useSupervisionT } from './messages';
import { localTime, type Review } from './types';

export function ReviewButton({ findingKey, review, onSaved }: { findingKey: string; review: Review | null; onSaved: () => void }) {
  const t = useSupervisionT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    try {
      await api.post('/api/supervision/reviews', { key: findingKey, note: note.trim() });
      setOpen(false);
      setNote('');
      onSaved();
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      {review && (
        <Tooltip title={t('common.reviewBy', { by: review.by, at: localTime(review.at), note: review.note })}>
          <Tag color="green" icon={<CheckCircleOutlined />} data-testid="review-tag">
            {t('common.reviewed')}
          </Tag>
        </Tooltip>
      )}
      <Button size="small" onClick={() => setOpen(true)} data-testid="review-button">
        {t('common.review')}
      </Button>
      <Modal
        open={open}
        title={t('common.review')}
        onCancel={() => setOpen(false)}
        onOk={save}
        okText={t('common.reviewSave')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !note.trim(), loading: saving, 'data-testid': 'review-save' }}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('common.reviewNote')}
          aria-label={t('common.reviewNote')}
          data-testid="review-note"
        />
      </Modal>
    </>
  );
}
