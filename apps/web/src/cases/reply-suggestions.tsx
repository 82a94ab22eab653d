import { ApartmentOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { usePolicy } from '../api/hooks';
import type { CaseDetail, CaseSuggestions, SharedAnswer } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { formatTime } from './deadline';

/** The reply being written: its text, and the shared answer it started from (if any). */
export interface ReplyDraft {
  text: string;
  sharedAnswerId?: string;
}

/** What `POST /cases/{id}/reply` gets for a draft: an unchanged shared answer goes out as it is. */
export function replyBody(draft: ReplyDraft, shared: readonly SharedAnswer[]) {
  const answer = shared.find((a) => a.id === draft.sharedAnswerId);
  const unchanged = Boolean(answer && draft.text === answer.text);
  return {
    unchanged,
    body: {
      text: unchanged ? answer!.text : draft.text.trim(),
      ...(answer ? { sharedAnswerId: answer.id } : {}),
    },
  };
}

/**
 * Beside the reply editor: the question's approved shared answer (统一回应) as a one-click reply —
 * sent unchanged it goes out at once, already reviewed by the lead; edited, it is reviewed like any
 * draft —, answered cases like this one with their replies to insert, the recurring question the
 * case belongs to, and the policy it cites with its 一网通办 service items.
 */
export function SuggestionsCard({
  c,
  suggestions,
  mayReply,
  sending,
  onUse,
  onInsert,
  onSend,
}: {
  c: CaseDetail;
  suggestions: CaseSuggestions | undefined;
  mayReply: boolean;
  sending: string | undefined;
  onUse: (a: SharedAnswer) => void;
  onInsert: (text: string) => void;
  onSend: (a: SharedAnswer) => void;
}) {
  const { t } = useI18n();
  const policy = usePolicy({ docNo: c.policyDocNo });
  const shared = suggestions?.sharedAnswers ?? [];
  const similar = suggestions?.similarCases ?? [];
  if (!suggestions?.clusterId && !shared.length && !similar.length && !c.policyDocNo) return null;
  return (
    <Card size="small" title={t('case.suggest.title')} data-testid="suggestions">
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        {(suggestions?.clusterId || c.policyDocNo) && (
          <Space wrap size={[12, 4]}>
            {suggestions?.clusterId && (
              <Link to={`/clusters/${suggestions.clusterId}`} data-testid="case-cluster-link">
                <ApartmentOutlined /> {t('case.suggest.cluster')}
              </Link>
            )}
            {c.policyDocNo && (
              <Space size={4} wrap data-testid="case-policy">
                <Typography.Text type="secondary">{t('case.suggest.policy')}</Typography.Text>
                <Tag color="geekblue">{c.policyDocNo}</Tag>
                {policy && (
                  <Typography.Text ellipsis={{ tooltip: policy.title }} style={{ maxWidth: 420 }}>
                    {policy.title}
                  </Typography.Text>
                )}
                {policy?.serviceItems.map((s) => (
                  <a key={s.url} href={s.url} target="_blank" rel="noreferrer">
                    {s.name}
                  </a>
                ))}
              </Space>
            )}
          </Space>
        )}
        {shared.map((a) => (
          <div key={a.id} className="shared-suggestion" data-shared-answer-id={a.id}>
            <Space wrap size={4} style={{ marginBottom: 4 }}>
              <Tag color="green">{t('case.suggest.shared')}</Tag>
              <Typography.Text type="secondary">
                {t('case.reply.reviewed', { who: a.reviewedBy ?? '—', at: formatTime(a.reviewedAt) })}
              </Typography.Text>
            </Space>
            <Typography.Paragraph className="pre-wrap" style={{ marginBottom: 4 }}>
              {a.text}
            </Typography.Paragraph>
            {a.serviceItem && (
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {t('cluster.serviceItem')}{' '}
                <a href={a.serviceItem.url} target="_blank" rel="noreferrer">
                  {a.serviceItem.name}
                </a>
              </Typography.Paragraph>
            )}
            {mayReply ? (
              <Space wrap>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={sending === a.id}
                  onClick={() => onSend(a)}
                  data-action="send-shared-answer"
                >
                  {t('case.suggest.send')}
                </Button>
                <Button icon={<EditOutlined />} onClick={() => onUse(a)} data-action="use-shared-answer">
                  {t('case.suggest.use')}
                </Button>
              </Space>
            ) : null}
          </div>
        ))}
        {shared.length > 0 && (
          <Alert
            type="info"
            showIcon
            message={mayReply ? t('case.suggest.sharedNote') : t('case.suggest.replyLater')}
          />
        )}
        {similar.length > 0 && (
          <div>
            <Typography.Text type="secondary">{t('case.suggest.similar')}</Typography.Text>
            <List
              size="small"
              dataSource={similar}
              renderItem={(s) => (
                <List.Item
                  key={s.id}
                  data-similar-case={s.id}
                  actions={
                    mayReply
                      ? [
                          <Button
                            key="insert"
                            size="small"
                            onClick={() => onInsert(s.reply)}
                            data-action="insert-similar"
                          >
                            {t('case.suggest.insert')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Space direction="vertical" size={0} style={{ width: '100%' }}>
                    <Link to={`/cases/${s.id}`}>{s.title ?? s.content.slice(0, 30)}</Link>
                    <Typography.Paragraph
                      type="secondary"
                      style={{ margin: 0, fontSize: 12 }}
                      ellipsis={{ rows: 2, expandable: true, symbol: t('case.suggest.more') }}
                    >
                      {s.reply}
                    </Typography.Paragraph>
                  </Space>
                </List.Item>
              )}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}
