import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { listCases, useCaseDetails, useNow } from '../api/hooks';
import { caseListRelevant, useLivePoll } from '../api/live';
import { REVIEW_STATUSES } from '../api/page-requests';
import type { CaseDetail, CaseItem } from '../api/types';
import { byUrgencyAndTimeLeft, formatTime } from '../cases/deadline';
import { runAction } from '../cases/run-action';
import { ChannelText, DeadlineCountdown, UrgentTag } from '../components/case-bits';
import { useShowError } from '../components/errors';
import { useI18n } from '../i18n/i18n';
import { LiveTitle } from '../components/live-title';
import { SharedAnswerReview } from '../cases/shared-answer-review';

/**
 * `/review` (审核): the lead's unit's replies waiting for review, each with the citizen's (masked)
 * message and the draft; approve (the answer goes out and is published) or send back with a
 * comment.
 */
export default function ReviewPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const now = useNow();
  const { data, error, reload, updatedAt, live } = useLivePoll(
    () => listCases(REVIEW_STATUSES, {}),
    'review',
    caseListRelevant(REVIEW_STATUSES),
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);
  const rows = useMemo(() => [...(data?.items ?? [])].sort(byUrgencyAndTimeLeft), [data]);
  const details = useCaseDetails(rows);

  return (
    <div>
      <div className="page-title">
        <LiveTitle title={t('review.title')} updatedAt={updatedAt} live={live} />
        <Typography.Text type="secondary">{t('common.total', { n: rows.length })}</Typography.Text>
      </div>
      <SharedAnswerReview />
      {!data && !error && <Spin />}
      {data && !rows.length && <Empty description={t('review.empty')} />}
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {rows.map((c) => (
          <ReviewCard key={c.id} c={c} detail={details.get(c.id)} now={now} onDone={reload} />
        ))}
      </Space>
    </div>
  );
}

function ReviewCard({
  c,
  detail,
  now,
  onDone,
}: {
  c: CaseItem;
  detail: CaseDetail | undefined;
  now: number;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject'>();
  const draft = detail?.replies.find((r) => r.status === 'pending');

  const decide = async (approve: boolean) => {
    if (!approve && !comment.trim()) {
      void message.warning(t('review.commentHint'));
      return;
    }
    setBusy(approve ? 'approve' : 'reject');
    try {
      if (approve) await runAction(c.id, 'approve-reply', comment.trim() ? { comment: comment.trim() } : {});
      else await runAction(c.id, 'reject-reply', { comment: comment.trim() });
      void message.success(t(approve ? 'review.approved' : 'review.rejected'));
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card
      size="small"
      data-case-id={c.id}
      title={
        <Space size={6}>
          <UrgentTag urgency={c.urgency} />
          <Link to={`/cases/${c.id}`}>{c.title ?? c.content.slice(0, 30)}</Link>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            <ChannelText channel={c.channel} /> · {formatTime(c.receivedAt)}
          </Typography.Text>
        </Space>
      }
      extra={
        <DeadlineCountdown status={c.status} dueAt={c.dueAt} warnAt={detail?.deadlines.warnAt} now={now} />
      }
    >
      <Typography.Paragraph type="secondary" className="pre-wrap" ellipsis={{ rows: 3, expandable: true }}>
        {c.content}
      </Typography.Paragraph>
      <Typography.Text strong>{t('review.draft')}</Typography.Text>
      {draft ? (
        <>
          <Typography.Text type="secondary">
            {' '}
            {t('case.reply.by', { who: draft.submittedBy, at: formatTime(draft.submittedAt) })}
          </Typography.Text>
          <Typography.Paragraph
            className="pre-wrap"
            data-testid="draft"
            style={{ background: '#f6f8fa', padding: 8 }}
          >
            {draft.text}
          </Typography.Paragraph>
        </>
      ) : (
        <Spin size="small" style={{ display: 'block' }} />
      )}
      <Space.Compact style={{ width: '100%' }}>
        <Input
          placeholder={t('review.commentHint')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={2000}
        />
        <Button
          type="primary"
          icon={<CheckOutlined />}
          loading={busy === 'approve'}
          disabled={!draft}
          onClick={() => void decide(true)}
          data-action="approve-reply"
        >
          {t('action.approve-reply')}
        </Button>
        <Button
          danger
          icon={<RollbackOutlined />}
          loading={busy === 'reject'}
          disabled={!draft}
          onClick={() => void decide(false)}
          data-action="reject-reply"
        >
          {t('action.reject-reply')}
        </Button>
      </Space.Compact>
    </Card>
  );
}
