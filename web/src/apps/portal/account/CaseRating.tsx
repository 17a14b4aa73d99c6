/**
 * 好差评 on my case page: once the case is decided the applicant rates it here (once), and sees
 * the rating afterwards. The reasons are asked only for the two lowest levels, as the national
 * rules for 好差评 require a reason for a bad rating.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Input, Radio, Space, Typography } from 'antd';
import { api, seg } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { useAppT, useI18n } from '../../../shared/i18n';
import { formatDateTime } from '../../../shared/labels';
import * as messages from './rating-messages';
import type { MyRating, ReasonChoice } from '#contract/ratings.js';

export function CaseRating({ caseNo, status }: { caseNo: string; status: string }) {
  const t = useAppT(messages);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [state, setState] = useState<MyRating | null>(null);
  const [level, setLevel] = useState<number | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    api.get<MyRating>(`/api/applicant/cases/${seg(caseNo)}/rating`).then((r) => alive && setState(r)).catch(() => alive && setState(null));
    return () => {
      alive = false;
    };
  }, [caseNo, status]);

  if (!state || (!state.ratable && !state.rating)) return null;
  const nameOf = (list: ReasonChoice[], code: string) => {
    const c = list.find((x) => x.code === code);
    return c ? (lang === 'en' ? c.nameEn : c.name) : code;
  };

  if (state.rating) {
    const r = state.rating;
    const lv = state.levels.find((l) => l.level === r.level);
    return (
      <Card title={t('rate.given')} size="small" data-testid="my-rating" data-level={r.level}>
        <Descriptions
          size="small" column={1}
          items={[
            { key: 'level', label: t('rate.level'), children: lv ? (lang === 'en' ? lv.nameEn : lv.name) : r.levelName },
            ...(r.reasons.length > 0 ? [{ key: 'reasons', label: t('rate.reasonsGiven'), children: r.reasons.map((c) => nameOf(state.reasons, c)).join('、') }] : []),
            ...(r.comment ? [{ key: 'comment', label: t('rate.comment'), children: r.comment }] : []),
            { key: 'at', label: t('rate.at'), children: formatDateTime(r.createdAt) },
          ]}
        />
        {r.level <= 2 && <Typography.Text type="secondary">{t('rate.followup')}</Typography.Text>}
      </Card>
    );
  }

  const bad = level !== null && level <= 2;
  async function send() {
    if (level === null) return;
    if (bad && reasons.length === 0) {
      setError(t('rate.needReason'));
      return;
    }
    if (bad && reasons.includes('other') && !comment.trim()) {
      setError(t('rate.commentOther'));
      return;
    }
    setError(null);
    setSending(true);
    try {
      await api.post(`/api/applicant/cases/${seg(caseNo)}/rating`, { level, ...(bad ? { reasons, comment: comment.trim() } : {}) });
      message.success(t('rate.thanks'));
      setState(await api.get<MyRating>(`/api/applicant/cases/${seg(caseNo)}/rating`));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setSending(false);
    }
  }

  return (
    <Card title={t('rate.title')} size="small" data-testid="rate-form">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('rate.intro')}</Typography.Text>
        <Radio.Group
          optionType="button" buttonStyle="solid" value={level} data-testid="rate-levels"
          onChange={(e) => setLevel(e.target.value as number)}
          options={state.levels.map((l) => ({ value: l.level, label: lang === 'en' ? l.nameEn : l.name }))}
        />
        {bad && (
          <>
            <Typography.Text strong>{t('rate.reasons')}</Typography.Text>
            <Checkbox.Group
              value={reasons} onChange={(v) => setReasons(v as string[])} data-testid="rate-reasons"
              options={state.reasons.map((r) => ({ value: r.code, label: lang === 'en' ? r.nameEn : r.name }))}
            />
            <Input.TextArea rows={3} maxLength={500} showCount value={comment} onChange={(e) => setComment(e.target.value)}
              placeholder={t('rate.comment')} aria-label={t('rate.comment')} data-testid="rate-comment" />
          </>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        <Button type="primary" disabled={level === null} loading={sending} onClick={() => void send()} data-testid="rate-send">
          {t('rate.send')}
        </Button>
      </Space>
    </Card>
  );
}
