import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  List,
  Progress,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { useNow, usePoll, useUnits } from '../api/hooks';
import type {
  CaseDetail,
  CaseSuggestions,
  Contact,
  DeadlineComputation,
  Reply,
  SharedAnswer,
  TimelineEntry,
  Unit,
} from '../api/types';
import { useSession } from '../auth/session.store';
import { CaseActions } from '../cases/case-actions';
import { formatTime } from '../cases/deadline';
import { type ReplyDraft, replyBody, SuggestionsCard } from '../cases/reply-suggestions';
import { runAction } from '../cases/run-action';
import { allowedActions, CONTACT_ROLES } from '../cases/workflow-actions';
import {
  ChannelText,
  DeadlineCountdown,
  KindText,
  StatusTag,
  unitName,
  UrgentTag,
} from '../components/case-bits';
import { useShowError } from '../components/errors';
import { type I18n, useI18n } from '../i18n/i18n';

/**
 * `/cases/:id`: everything about one case — the masked text, how it was routed and why, its
 * deadlines and how they were computed, the timeline, replies with their review, 回访 — and the
 * steps the caller may take now; beside the reply editor, the question's shared answer and similar
 * answered cases. It refreshes itself while open.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const now = useNow();
  const { byCode } = useUnits();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: c, error, reload: reloadCase } = usePoll(() => api<CaseDetail>(`/api/v1/cases/${id}`), id);
  const suggestions = usePoll(
    () => api<CaseSuggestions>(`/api/v1/cases/${id}/suggestions`),
    `suggestions:${id}`,
    30000,
  );
  const [draft, setDraft] = useState<ReplyDraft>({ text: '' });
  const [sending, setSending] = useState<string>();
  useEffect(() => setDraft({ text: '' }), [id]);
  const reload = () => {
    reloadCase();
    suggestions.reload();
  };

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <Result status="404" title="404" subTitle={error.message} />;
  }
  if (!c || !session) return <Spin style={{ margin: 48 }} />;
  const user = session.user;
  const mayReply = allowedActions(c).includes('reply');
  const shared = suggestions.data?.sharedAnswers ?? [];

  /** 一键答复: the shared answer's exact text, sent at once as an already reviewed reply. */
  const sendShared = async (a: SharedAnswer) => {
    setSending(a.id);
    try {
      await runAction(c.id, 'reply', { text: a.text, sharedAnswerId: a.id });
      void message.success(t('case.suggest.sent'));
      setDraft({ text: '' });
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setSending(undefined);
    }
  };

  return (
    <div data-testid="case-page" data-status={c.status}>
      <div className="page-title">
        <Space align="center" wrap>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => void navigate(-1)}
            aria-label={t('common.back')}
          />
          <Typography.Title level={4}>{c.title ?? t('case.title')}</Typography.Title>
          <StatusTag status={c.status} />
          <UrgentTag urgency={c.urgency} />
          {c.supervised && <Tag color="volcano">{t('field.supervised')}</Tag>}
        </Space>
        <DeadlineCountdown status={c.status} dueAt={c.dueAt} warnAt={c.deadlines.warnAt} now={now} />
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('case.content')}>
              <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
                <Descriptions.Item label={t('field.channel')}>
                  <ChannelText channel={c.channel} />
                </Descriptions.Item>
                <Descriptions.Item label={t('field.kind')}>
                  <KindText kind={c.kind} />
                </Descriptions.Item>
                <Descriptions.Item label={t('field.receivedAt')}>
                  {formatTime(c.receivedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.department')}>
                  {unitName(c.departmentCode, byCode, lang)}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.street')}>{c.street ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('field.policyDocNo')}>{c.policyDocNo ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('field.externalRef')}>{c.externalRef ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('field.trackingCode')}>{c.trackingCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('field.returnCount')}>{c.returnCount}</Descriptions.Item>
              </Descriptions>
              {c.mergedInto && (
                <Alert
                  type="info"
                  style={{ marginBottom: 8 }}
                  message={
                    <>
                      {t('case.mergedInto')} <Link to={`/cases/${c.mergedInto}`}>{c.mergedInto}</Link>
                    </>
                  }
                />
              )}
              <Typography.Paragraph className="pre-wrap" data-testid="case-content">
                {c.content}
              </Typography.Paragraph>
              {CONTACT_ROLES.includes(user.role) && <ContactReveal caseId={c.id} />}
            </Card>
            {mayReply && (
              <ReplyEditor c={c} draft={draft} setDraft={setDraft} shared={shared} onDone={reload} />
            )}
            <SuggestionsCard
              c={c}
              suggestions={suggestions.data}
              mayReply={mayReply}
              sending={sending}
              onSend={(a) => void sendShared(a)}
              onUse={(a) => setDraft({ text: a.text, sharedAnswerId: a.id })}
              onInsert={(text) =>
                setDraft((d) => ({ ...d, text: d.text.trim() ? `${d.text.trimEnd()}\n\n${text}` : text }))
              }
            />
            <Card size="small" title={t('case.replies')}>
              <Replies replies={c.replies} />
            </Card>
            <Card size="small" title={t('case.timeline')}>
              <CaseTimeline entries={c.timeline} byCode={byCode} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('case.actions')}>
              <CaseActions c={c} onDone={reload} />
            </Card>
            <Card size="small" title={t('case.routing')}>
              <RoutingView c={c} byCode={byCode} />
            </Card>
            <Card size="small" title={t('case.deadlines')}>
              <DeadlinesView c={c} />
            </Card>
            <Card size="small" title={t('case.feedback')}>
              <FeedbackView c={c} />
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}

/** 显示联系方式: the unmasked contact details, fetched on demand (every view is audited). */
function ContactReveal({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [contact, setContact] = useState<Contact>();
  const [busy, setBusy] = useState(false);
  if (!contact) {
    return (
      <Space>
        <Button
          icon={<EyeOutlined />}
          loading={busy}
          data-testid="reveal-contact"
          onClick={() => {
            setBusy(true);
            api<Contact>(`/api/v1/cases/${caseId}/contact`)
              .then(setContact)
              .catch(showError)
              .finally(() => setBusy(false));
          }}
        >
          {t('case.revealContact')}
        </Button>
        <Typography.Text type="secondary">{t('case.contactAudited')}</Typography.Text>
      </Space>
    );
  }
  const found = Array.isArray(contact.found) ? (contact.found as unknown[]) : [];
  return (
    <Descriptions size="small" bordered column={2} title={t('case.contact')} data-testid="contact">
      <Descriptions.Item label={t('case.contact.name')}>{contact.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('case.contact.phone')}>{contact.phone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('case.contact.email')}>{contact.email ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('case.contact.address')}>{contact.address ?? '—'}</Descriptions.Item>
      {found.length > 0 && (
        <Descriptions.Item label={t('case.contactFound')} span={2}>
          {found.map((f, i) => (
            <Tag key={i}>{typeof f === 'object' && f ? Object.values(f).join(': ') : String(f)}</Tag>
          ))}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/**
 * 答复 — the draft goes to the lead for review (审核); nothing is public before that. A shared answer
 * (统一回应) taken unchanged is the exception: its lead approved it already, so it goes out at once.
 */
function ReplyEditor({
  c,
  draft,
  setDraft,
  shared,
  onDone,
}: {
  c: CaseDetail;
  draft: ReplyDraft;
  setDraft: (d: ReplyDraft) => void;
  shared: SharedAnswer[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const text = draft.text;
  const { unchanged, body } = replyBody(draft, shared);
  const fromShared = body.sharedAnswerId !== undefined;
  const rejected = c.replies.find((r) => r.status === 'rejected');
  useEffect(() => {
    // Start from the draft the lead sent back, if any.
    if (rejected && !text) setDraft({ text: rejected.text });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a sent-back draft appears
  }, [rejected?.id]);
  const submit = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await runAction(c.id, 'reply', body);
      void message.success(
        unchanged ? t('case.suggest.sent') : t('case.done', { action: t('action.reply') }),
      );
      setDraft({ text: '' });
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('case.replyEditor')}>
      {rejected?.reviewComment && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={`${t('case.reply.rejected')}：${rejected.reviewComment}`}
        />
      )}
      {fromShared && (
        <Alert
          type={unchanged ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="shared-draft-note"
          message={unchanged ? t('case.suggest.unchanged') : t('case.suggest.edited')}
        />
      )}
      <Input.TextArea
        value={text}
        onChange={(e) => setDraft({ ...draft, text: e.target.value })}
        autoSize={{ minRows: 5, maxRows: 16 }}
        maxLength={20000}
        showCount
        placeholder={t('case.replyPlaceholder')}
        data-testid="reply-text"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      />
      <Button
        type="primary"
        style={{ marginTop: 8 }}
        loading={busy}
        disabled={!text.trim()}
        onClick={() => void submit()}
        data-action="reply"
      >
        {unchanged ? t('case.suggest.send') : t('action.reply')} (Ctrl+Enter)
      </Button>
    </Card>
  );
}

const REPLY_COLORS: Record<Reply['status'], string> = {
  pending: 'purple',
  approved: 'green',
  rejected: 'red',
};

function Replies({ replies }: { replies: Reply[] }) {
  const { t } = useI18n();
  if (!replies.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noReplies')} />;
  return (
    <List
      size="small"
      dataSource={replies}
      renderItem={(r) => (
        <List.Item key={r.id} data-reply-status={r.status}>
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={REPLY_COLORS[r.status]}>{t(`case.reply.${r.status}`)}</Tag>
              <Typography.Text type="secondary">
                {t('case.reply.by', { who: r.submittedBy, at: formatTime(r.submittedAt) })}
              </Typography.Text>
              {r.reviewedBy && (
                <Typography.Text type="secondary">
                  {t('case.reply.reviewed', { who: r.reviewedBy, at: formatTime(r.reviewedAt) })}
                </Typography.Text>
              )}
            </Space>
            <Typography.Paragraph className="pre-wrap" style={{ margin: 0 }}>
              {r.text}
            </Typography.Paragraph>
            {r.reviewComment && <Typography.Text type="warning">{r.reviewComment}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}

/** Timeline data worth a line (the routing reasons have their own card). */
function timelineDetail(e: TimelineEntry, t: I18n, byCode: Map<string, Unit>): string {
  const d = e.data ?? {};
  const parts: string[] = [];
  const unit = (code: unknown) => (typeof code === 'string' ? unitName(code, byCode, t.lang) : '');
  if (typeof d.departmentCode === 'string') parts.push(unit(d.departmentCode));
  if (typeof d.to === 'string')
    parts.push(typeof d.from === 'string' ? `${unit(d.from)} → ${unit(d.to)}` : unit(d.to));
  if (typeof d.reasonCode === 'string') parts.push(t.tr(`returnReason.${d.reasonCode}`, d.reasonCode));
  for (const k of ['reason', 'comment', 'text', 'intoCaseId']) {
    if (typeof d[k] === 'string' && d[k]) parts.push(String(d[k]));
  }
  if (typeof d.workingDays === 'number') parts.push(`${d.workingDays} ${t.t('form.workingDays')}`);
  if (typeof d.approve === 'boolean' || typeof d.approved === 'boolean')
    parts.push(t.t(d.approve === true || d.approved === true ? 'form.approve' : 'form.reject'));
  if (e.type === 'case.routed' && typeof d.rule === 'string')
    parts.push(t.tr(`case.routing.rule.${d.rule}`, d.rule));
  return parts.join(' · ');
}

function CaseTimeline({ entries, byCode }: { entries: TimelineEntry[]; byCode: Map<string, Unit> }) {
  const i18n = useI18n();
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={entries.map((e) => ({
        color: e.type.includes('sla-breached') ? 'red' : e.type.includes('sla-warning') ? 'orange' : 'blue',
        children: (
          <div data-event={e.type}>
            <Typography.Text strong>{i18n.tr(`event.${e.type}`, e.type)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatTime(e.occurredAt)} · {e.actor}
            </Typography.Text>
            <div className="pre-wrap">{timelineDetail(e, i18n, byCode)}</div>
          </div>
        ),
      }))}
    />
  );
}

function RoutingView({ c, byCode }: { c: CaseDetail; byCode: Map<string, Unit> }) {
  const { t, tr, lang } = useI18n();
  const r = c.routing;
  if (!r) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const reasons = r.reasons ?? {};
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="routing">
      <Space wrap>
        <Tag color="blue">{tr(`case.routing.rule.${r.rule ?? 'none'}`, r.rule ?? '—')}</Tag>
        {r.confidence !== null && (
          <Typography.Text>
            {t('case.routing.confidence')} {(r.confidence * 100).toFixed(0)}%
          </Typography.Text>
        )}
        {typeof reasons.threshold === 'number' && (
          <Typography.Text type="secondary">
            {t('case.routing.threshold', { v: reasons.threshold })}
          </Typography.Text>
        )}
      </Space>
      {reasons.explanation && <Typography.Text>{reasons.explanation}</Typography.Text>}
      {reasons.policyDocNo && (
        <Typography.Text>
          {reasons.policyDocNo} {reasons.policyTitle}
        </Typography.Text>
      )}
      {reasons.street && <Typography.Text>{reasons.street}</Typography.Text>}
      {reasons.scores && reasons.scores.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('case.routing.scores')}</Typography.Text>
          {reasons.scores.slice(0, 5).map((s) => (
            <div key={s.label} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
              <span
                style={{ width: 150, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
              >
                {unitName(s.label, byCode, lang)}
              </span>
              <Progress percent={Math.round(s.p * 100)} size="small" style={{ flex: 1, margin: 0 }} />
            </div>
          ))}
        </div>
      )}
      {reasons.terms && reasons.terms.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('case.routing.terms')} </Typography.Text>
          {reasons.terms.slice(0, 12).map((term) => (
            <Tag key={term}>{term}</Tag>
          ))}
        </div>
      )}
    </Space>
  );
}

function isComputation(v: unknown): v is DeadlineComputation {
  return typeof v === 'object' && v !== null && Array.isArray((v as DeadlineComputation).explanation);
}

/** The deadlines and how each was computed (rule, start, holidays and 调休 crossed, extensions). */
function DeadlinesView({ c }: { c: CaseDetail }) {
  const { t, tr } = useI18n();
  const d = c.deadlines;
  const computed = Object.entries(d.computed ?? {}).flatMap(([name, v]) =>
    isComputation(v)
      ? [[name, v] as const]
      : Array.isArray(v)
        ? v.filter(isComputation).map((x, i) => [`${name} ${i + 1}`, x] as const)
        : [],
  );
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid="deadlines">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('field.firstResponseDueAt')}>
          {formatTime(d.firstResponseDueAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.dueAt')}>{formatTime(d.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('field.warnAt')}>{formatTime(d.warnAt)}</Descriptions.Item>
      </Descriptions>
      {d.extendedDays > 0 && <Tag color="gold">{t('deadline.extended', { n: d.extendedDays })}</Tag>}
      {d.extensionRequest && (
        <Alert
          type="info"
          showIcon
          message={t('deadline.extensionWaiting', {
            n: d.extensionRequest.workingDays,
            reason: d.extensionRequest.reason,
            who: d.extensionRequest.requestedBy,
          })}
        />
      )}
      <Typography.Text type="secondary">{t('deadline.how')}</Typography.Text>
      {computed.map(([name, comp]) => (
        <div key={name}>
          <Typography.Text strong>{tr(`deadline.${name}`, name)}</Typography.Text>
          <ul style={{ margin: '2px 0 0', paddingInlineStart: 18 }}>
            {(comp.explanation ?? []).map((line, i) => (
              <li key={i}>
                <Typography.Text style={{ fontSize: 12 }}>{line}</Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Space>
  );
}

function FeedbackView({ c }: { c: CaseDetail }) {
  const { t, tr } = useI18n();
  if (!c.feedback.length) return <Typography.Text type="secondary">{t('case.noFeedback')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={c.feedback}
      renderItem={(f) => (
        <List.Item>
          <Space wrap>
            <Typography.Text type="secondary">{formatTime(f.visitedAt)}</Typography.Text>
            <Tag>{f.reached ? t('case.feedback.reached') : t('case.feedback.notReached')}</Tag>
            {f.resolved && <Tag>{tr(`case.feedback.resolved.${f.resolved}`, f.resolved)}</Tag>}
            {f.satisfaction && (
              <Tag color={f.satisfaction === 'dissatisfied' ? 'red' : 'green'}>
                {tr(`case.feedback.satisfaction.${f.satisfaction}`, f.satisfaction)}
              </Tag>
            )}
            {f.comment && <Typography.Text>{f.comment}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}
