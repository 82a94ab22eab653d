import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { usePoll, useUnits } from '../api/hooks';
import type { Page, SharedAnswerListItem } from '../api/types';
import { unitName } from '../components/case-bits';
import { useShowError } from '../components/errors';
import { useI18n } from '../i18n/i18n';
import { formatTime } from './deadline';

/**
 * 统一回应待审核: the shared answers of the lead's unit waiting for review, across every recurring
 * question, oldest first — approve (published on the board's FAQ and offered on every member case)
 * or send back with a comment. The same steps as on the question's page.
 */
export function SharedAnswerReview() {
  const { t } = useI18n();
  const showError = useShowError();
  const { data, error, reload } = usePoll(
    () =>
      api<Page<SharedAnswerListItem>>('/api/v1/shared-answers', { query: { status: 'pending', limit: 50 } }),
    'shared-answers:pending',
    10000,
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);
  const items = data?.items ?? [];
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('review.shared.title')}
          {data && <Tag color={data.total ? 'purple' : 'default'}>{data.total}</Tag>}
        </Space>
      }
      data-testid="shared-answer-review"
      style={{ marginBottom: 12 }}
      loading={!data && !error}
    >
      {data && !items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.shared.empty')} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {items.map((a) => (
            <PendingAnswer key={a.id} a={a} onDone={reload} />
          ))}
          {data && data.total > items.length && (
            <Typography.Text type="secondary">
              {t('review.shared.more', { n: data.total - items.length })}
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}

function PendingAnswer({ a, onDone }: { a: SharedAnswerListItem; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { byCode } = useUnits();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject'>();

  const decide = async (approve: boolean) => {
    if (!approve && !comment.trim()) {
      void message.warning(t('review.commentHint'));
      return;
    }
    setBusy(approve ? 'approve' : 'reject');
    try {
      await api(`/api/v1/shared-answers/${a.id}/${approve ? 'approve' : 'reject'}`, {
        body: comment.trim() ? { comment: comment.trim() } : {},
      });
      void message.success(t(approve ? 'cluster.answer.approvedDone' : 'cluster.answer.rejectedDone'));
      setComment('');
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div
      data-answer-id={a.id}
      data-answer-status={a.status}
      style={{ paddingBottom: 12, borderBottom: '1px solid #f0f0f0' }}
    >
      <Space wrap size={6}>
        <Tag color="purple">{t('review.shared.tag')}</Tag>
        <Link to={`/clusters/${a.clusterId}`} data-testid="answer-question">
          {a.clusterTitle}
        </Link>
        <Typography.Text type="secondary">
          {t('cluster.memberCount', { n: a.clusterMemberCount })} · {unitName(a.departmentCode, byCode, lang)}{' '}
          · {t('case.reply.by', { who: a.draftedBy, at: formatTime(a.draftedAt) })}
        </Typography.Text>
      </Space>
      <Typography.Paragraph
        className="pre-wrap"
        data-testid="answer-text"
        style={{ background: '#f6f8fa', padding: 8, margin: '6px 0' }}
      >
        {a.text}
      </Typography.Paragraph>
      {(a.policyDocNo || a.serviceItem) && (
        <Space wrap size={4} style={{ marginBottom: 6 }}>
          {a.policyDocNo && (
            <Tag color="geekblue" title={a.policyTitle ?? undefined}>
              {a.policyDocNo}
            </Tag>
          )}
          {a.serviceItem && (
            <Typography.Text>
              {t('cluster.serviceItem')}{' '}
              <a href={a.serviceItem.url} target="_blank" rel="noreferrer">
                {a.serviceItem.name}
              </a>
            </Typography.Text>
          )}
        </Space>
      )}
      {a.openCases > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
          {t('review.shared.openCases', { n: a.openCases })}
        </Typography.Paragraph>
      )}
      <Space.Compact style={{ width: '100%' }}>
        <Input
          placeholder={t('review.commentHint')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={2000}
          data-testid="answer-comment"
        />
        <Button
          type="primary"
          icon={<CheckOutlined />}
          loading={busy === 'approve'}
          onClick={() => void decide(true)}
          data-action="approve-answer"
        >
          {t('cluster.answer.approve')}
        </Button>
        <Button
          danger
          icon={<RollbackOutlined />}
          loading={busy === 'reject'}
          onClick={() => void decide(false)}
          data-action="reject-answer"
        >
          {t('cluster.answer.reject')}
        </Button>
      </Space.Compact>
    </div>
  );
}
