import { Alert, Card, Descriptions, Result, Spin, Steps, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { usePoll } from '../api/hooks';
import type { BoardPostStatus, CaseStatus } from '../api/types';
import { formatTime } from '../cases/deadline';
import { useI18n } from '../i18n/i18n';
import { PublicHeader } from './public-header';

/** Where a question stands for its author: received, being handled, answered. */
function step(status: CaseStatus): number {
  switch (status) {
    case 'received':
    case 'pending-dispatch':
      return 0;
    case 'assigned':
    case 'accepted':
    case 'reply-review':
    case 'merged':
      return 1;
    case 'replied':
    case 'closed':
      return 3; // every step done
  }
}

/**
 * `/board/track/:code` (public): the question's status and, once the lead approved it, the
 * published answer (先审查、后公开). Personal data is masked by the API.
 */
export default function BoardTrackPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const { data, error } = usePoll(
    () => api<BoardPostStatus>(`/api/v1/board/posts/${encodeURIComponent(code)}`, { auth: false }),
    code,
    15000,
  );
  return (
    <div className="public-page">
      <PublicHeader />
      {error instanceof ApiError && error.status === 404 ? (
        <Result
          status="404"
          title={t('board.notFound')}
          subTitle={code}
          extra={<Link to="/board">{t('board.newPost')}</Link>}
        />
      ) : !data ? (
        error ? (
          <Alert type="error" message={error.message} />
        ) : (
          <Spin />
        )
      ) : (
        <Card title={data.title ?? code} data-testid="track" data-status={data.status}>
          <Steps
            size="small"
            current={step(data.status)}
            style={{ marginBottom: 16 }}
            items={[
              { title: t('board.step.received') },
              { title: t('board.step.handling') },
              { title: t('board.step.answered') },
            ]}
          />
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('field.trackingCode')}>{data.trackingCode}</Descriptions.Item>
            <Descriptions.Item label={t('board.status')}>{t(`status.${data.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('field.receivedAt')}>{formatTime(data.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('field.policyDocNo')}>{data.policyDocNo ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('board.answer')}</Typography.Title>
          {data.answer ? (
            <>
              <Typography.Paragraph className="pre-wrap" data-testid="answer">
                {data.answer.text}
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('board.publishedAt', { at: formatTime(data.answer.publishedAt) })}
              </Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">{t('board.noAnswer')}</Typography.Text>
          )}
        </Card>
      )}
    </div>
  );
}
