import {
  ArrowLeftOutlined,
  CheckOutlined,
  DisconnectOutlined,
  MergeCellsOutlined,
  RollbackOutlined,
  ScissorOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { usePoll, usePolicy, useUnits } from '../api/hooks';
import type {
  ClusterDetail,
  ClusterItem,
  ClusterMember,
  Page,
  Policy,
  ReplyAllAnswer,
  Role,
  SharedAnswer,
  User,
} from '../api/types';
import { useSession } from '../auth/session.store';
import { formatTime } from '../cases/deadline';
import { ChannelText, StatusTag, unitName } from '../components/case-bits';
import { useShowError } from '../components/errors';
import { useI18n } from '../i18n/i18n';

/** Who may do what with a recurring question (the API decides; these only hide what it would refuse). */
const RENAMERS: readonly Role[] = ['dispatcher', 'admin', 'lead'];
const MERGERS: readonly Role[] = ['dispatcher', 'admin'];
const SPLITTERS: readonly Role[] = ['dispatcher', 'admin', 'staff', 'lead'];
const DRAFTERS: readonly Role[] = ['staff', 'lead'];

const ANSWER_COLORS: Record<SharedAnswer['status'], string> = {
  pending: 'purple',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

/** The unit's lead (or an admin) reviews a shared answer; the unit's staff and lead send it. */
const mayReview = (u: User, a: SharedAnswer) =>
  a.status === 'pending' &&
  (u.role === 'admin' || (u.role === 'lead' && u.departmentCode === a.departmentCode));
const maySendAll = (u: User, a: SharedAnswer) =>
  a.status === 'approved' && DRAFTERS.includes(u.role) && u.departmentCode === a.departmentCode;

/**
 * `/clusters/:id`: one recurring question (共性问题) — its key terms, its messages across channels,
 * its shared answers (统一回应) with their review — and what the caller may do: rename, merge into
 * another question, split messages off or mark one "not the same question", draft an answer,
 * approve or send it back, and answer every open case of the unit with it at once.
 */
export default function ClusterPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: c, error, reload } = usePoll(() => api<ClusterDetail>(`/api/v1/clusters/${id}`), id, 10000);
  const [merging, setMerging] = useState(false);
  const [splitOff, setSplitOff] = useState<{ clusterId: string }>();

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <Result status="404" title="404" subTitle={error.message} />;
  }
  if (!c || !session) return <Spin style={{ margin: 48 }} />;
  const user = session.user;

  const rename = async (title: string) => {
    if (!title.trim() || title.trim() === c.title) return;
    try {
      await api(`/api/v1/clusters/${c.id}`, { method: 'PATCH', body: { title: title.trim() } });
      void message.success(t('cluster.renamed'));
      reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <div data-testid="cluster-page" data-cluster-id={c.id}>
      <div className="page-title">
        <Space align="center" wrap>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => void navigate(-1)}
            aria-label={t('common.back')}
          />
          <Typography.Title
            level={4}
            data-testid="cluster-title"
            editable={
              RENAMERS.includes(user.role) && !c.mergedInto
                ? { onChange: (v) => void rename(v), tooltip: t('cluster.rename'), maxLength: 200 }
                : false
            }
          >
            {c.title}
          </Typography.Title>
          <Tag>{t('cluster.memberCount', { n: c.memberCount })}</Tag>
          {c.sharedAnswers.some((a) => a.status === 'approved') && (
            <Tag color="green">{t('analytics.answered')}</Tag>
          )}
        </Space>
        <Space>
          <Link to="/clusters">{t('cluster.listTitle')}</Link>
          {MERGERS.includes(user.role) && !c.mergedInto && (
            <Button
              icon={<MergeCellsOutlined />}
              onClick={() => setMerging(true)}
              data-action="merge-cluster"
            >
              {t('cluster.merge')}
            </Button>
          )}
        </Space>
      </div>
      {c.mergedInto && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <>
              {t('cluster.mergedInto')} <Link to={`/clusters/${c.mergedInto}`}>{c.mergedInto}</Link>
            </>
          }
        />
      )}
      {splitOff && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setSplitOff(undefined)}
          style={{ marginBottom: 12 }}
          message={
            <>
              {t('cluster.splitDone')} <Link to={`/clusters/${splitOff.clusterId}`}>{t('common.open')}</Link>
            </>
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('cluster.keyTerms')} span={2}>
            <Space size={[4, 4]} wrap data-testid="key-terms">
              {c.keyTerms.map((k) => (
                <Tag key={k} color="blue">
                  {k}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('cluster.firstAt')}>{formatTime(c.firstAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cluster.lastAt')}>{formatTime(c.lastAt)}</Descriptions.Item>
          {c.titleBy && <Descriptions.Item label={t('cluster.titleBy')}>{c.titleBy}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Members c={c} user={user} onDone={reload} onSplit={(clusterId) => setSplitOff({ clusterId })} />
        </Col>
        <Col xs={24} xl={9}>
          <SharedAnswers c={c} user={user} onDone={reload} />
        </Col>
      </Row>
      {merging && (
        <MergeModal
          c={c}
          onCancel={() => setMerging(false)}
          onMerged={(into) => {
            setMerging(false);
            void message.success(t('cluster.merged'));
            void navigate(`/clusters/${into}`);
          }}
        />
      )}
    </div>
  );
}

/** The messages of the question across channels; split some off, or mark one as another question. */
function Members({
  c,
  user,
  onDone,
  onSplit,
}: {
  c: ClusterDetail;
  user: User;
  onDone: () => void;
  onSplit: (clusterId: string) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { byCode } = useUnits();
  const [selected, setSelected] = useState<string[]>([]);
  const [splitting, setSplitting] = useState(false);
  const [notDuplicate, setNotDuplicate] = useState<ClusterMember>();
  const mayCorrect = SPLITTERS.includes(user.role) && !c.mergedInto;
  const ids = c.members.map((m) => m.caseId).join(',');
  useEffect(() => {
    // Forget selected messages that left the question.
    setSelected((s) => s.filter((x) => ids.split(',').includes(x)));
  }, [ids]);

  // One unit (always so for staff and leads): named in the card's title, not on every row.
  const units = [...new Set(c.members.map((m) => m.departmentCode))];
  const columns: ColumnsType<ClusterMember> = [
    {
      title: t('field.title'),
      key: 'title',
      render: (_, m) => (
        <>
          <Link to={`/cases/${m.caseId}`}>{m.title ?? m.content.slice(0, 30)}</Link>
          <div className="one-line secondary" title={m.content}>
            {m.content}
          </div>
        </>
      ),
    },
    {
      title: t('field.channel'),
      dataIndex: 'channel',
      width: 92,
      render: (_, m) => <ChannelText channel={m.channel} />,
    },
    {
      title: t('field.status'),
      dataIndex: 'status',
      width: 92,
      render: (_, m) => <StatusTag status={m.status} />,
    },
    ...(units.length > 1
      ? [
          {
            title: t('field.department'),
            dataIndex: 'departmentCode',
            width: 120,
            ellipsis: true,
            render: (v: string | null) => unitName(v, byCode, lang),
          },
        ]
      : []),
    {
      title: t('field.receivedAt'),
      dataIndex: 'receivedAt',
      width: 96,
      render: (v: string) => formatTime(v).slice(5),
    },
    {
      title: t('cluster.similarity'),
      key: 'similarity',
      width: 72,
      render: (_, m) =>
        m.similarity !== null ? (
          `${Math.round(m.similarity * 100)}%`
        ) : (
          <Typography.Text type="secondary" title={m.placedBy}>
            {m.placedBy === 'clusterer' ? t('cluster.first') : t('cluster.moved')}
          </Typography.Text>
        ),
    },
    ...(mayCorrect && c.members.length > 1
      ? [
          {
            title: '',
            key: 'not-duplicate',
            width: 44,
            render: (_: unknown, m: ClusterMember) => (
              <Tooltip title={t('cluster.notDuplicate')}>
                <Button
                  size="small"
                  type="text"
                  icon={<DisconnectOutlined />}
                  aria-label={t('cluster.notDuplicate')}
                  data-action="not-duplicate"
                  onClick={() => setNotDuplicate(m)}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={
        units.length === 1 && units[0]
          ? `${t('cluster.membersTitle', { n: c.members.length })} · ${unitName(units[0], byCode, lang)}`
          : t('cluster.membersTitle', { n: c.members.length })
      }
      data-testid="members"
      extra={
        mayCorrect && (
          <Button
            size="small"
            icon={<ScissorOutlined />}
            disabled={!selected.length || selected.length === c.members.length}
            onClick={() => setSplitting(true)}
            data-action="split"
          >
            {t('cluster.split', { n: selected.length })}
          </Button>
        )
      }
    >
      <Table<ClusterMember>
        rowKey="caseId"
        size="small"
        columns={columns}
        dataSource={c.members}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        rowSelection={
          mayCorrect
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }
            : undefined
        }
        locale={{ emptyText: t('cluster.noMembers') }}
        tableLayout="fixed"
      />
      {splitting && (
        <SplitModal
          onCancel={() => setSplitting(false)}
          onSubmit={async (title) => {
            try {
              const r = await api<{ clusterId: string }>(`/api/v1/clusters/${c.id}/split`, {
                body: { caseIds: selected, title: title || undefined },
              });
              setSplitting(false);
              setSelected([]);
              onSplit(r.clusterId);
              onDone();
            } catch (e) {
              showError(e);
            }
          }}
        />
      )}
      {notDuplicate && (
        <NotDuplicateModal
          m={notDuplicate}
          others={c.members.filter((x) => x.caseId !== notDuplicate.caseId)}
          onCancel={() => setNotDuplicate(undefined)}
          onSubmit={async (otherCaseId) => {
            try {
              await api(`/api/v1/cases/${notDuplicate.caseId}/not-duplicate`, { body: { otherCaseId } });
              setNotDuplicate(undefined);
              void message.success(t('cluster.notDuplicateDone'));
              onDone();
            } catch (e) {
              showError(e);
            }
          }}
        />
      )}
    </Card>
  );
}

function SplitModal({
  onCancel,
  onSubmit,
}: {
  onCancel: () => void;
  onSubmit: (title: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t('cluster.splitTitle')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => {
        setBusy(true);
        void onSubmit(title.trim()).finally(() => setBusy(false));
      }}
    >
      <Typography.Paragraph type="secondary">{t('cluster.splitHint')}</Typography.Paragraph>
      <Input
        autoFocus
        value={title}
        maxLength={200}
        placeholder={t('cluster.newTitle')}
        onChange={(e) => setTitle(e.target.value)}
      />
    </Modal>
  );
}

/** 非重复: this message is not the same question as another one of the cluster (remembered). */
function NotDuplicateModal({
  m,
  others,
  onCancel,
  onSubmit,
}: {
  m: ClusterMember;
  others: ClusterMember[];
  onCancel: () => void;
  onSubmit: (otherCaseId: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [other, setOther] = useState<string | undefined>(others[0]?.caseId);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t('cluster.notDuplicate')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !other }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => {
        if (!other) return;
        setBusy(true);
        void onSubmit(other).finally(() => setBusy(false));
      }}
    >
      <Typography.Paragraph>
        <Typography.Text strong>{m.title ?? m.content.slice(0, 40)}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('cluster.notDuplicateHint')}</Typography.Paragraph>
      <Select<string>
        style={{ width: '100%' }}
        value={other}
        onChange={setOther}
        options={others.map((o) => ({
          value: o.caseId,
          label: `${formatTime(o.receivedAt)} · ${o.title ?? o.content.slice(0, 40)}`,
        }))}
      />
    </Modal>
  );
}

/** 合并: this question goes into another one (its messages and answers with it). */
function MergeModal({
  c,
  onCancel,
  onMerged,
}: {
  c: ClusterDetail;
  onCancel: () => void;
  onMerged: (into: string) => void;
}) {
  const { t } = useI18n();
  const showError = useShowError();
  const [q, setQ] = useState(c.keyTerms[0] ?? '');
  const [into, setInto] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { data } = usePoll(
    () =>
      api<Page<ClusterItem>>('/api/v1/clusters', {
        query: { q: q.trim() || undefined, minMembers: 1, limit: 30 },
      }),
    `merge:${q}`,
    60000,
  );
  const options = (data?.items ?? [])
    .filter((x) => x.id !== c.id)
    .map((x) => ({ value: x.id, label: `${x.title} (${x.memberCount})` }));
  return (
    <Modal
      open
      title={t('cluster.merge')}
      okText={t('cluster.merge')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !into, danger: true }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => {
        if (!into) return;
        setBusy(true);
        api(`/api/v1/clusters/${c.id}/merge`, { body: { intoClusterId: into } })
          .then(() => onMerged(into))
          .catch(showError)
          .finally(() => setBusy(false));
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('cluster.mergeHint', { title: c.title })}
      </Typography.Paragraph>
      <Select<string>
        showSearch
        style={{ width: '100%' }}
        placeholder={t('cluster.searchHint')}
        filterOption={false}
        onSearch={setQ}
        value={into}
        onChange={setInto}
        options={options}
        data-testid="merge-into"
      />
    </Modal>
  );
}

/** The unit's answers to the question: review, bulk reply with the result per case, a new draft. */
function SharedAnswers({ c, user, onDone }: { c: ClusterDetail; user: User; onDone: () => void }) {
  const { t } = useI18n();
  const [results, setResults] = useState<Record<string, ReplyAllAnswer>>({});
  const mayDraft = DRAFTERS.includes(user.role) && !c.mergedInto;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('cluster.answers')} data-testid="shared-answers">
        {!c.sharedAnswers.length && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cluster.noAnswers')} />
        )}
        <List
          size="small"
          dataSource={c.sharedAnswers}
          split
          renderItem={(a) => (
            <List.Item key={a.id} data-answer-id={a.id} data-answer-status={a.status}>
              <SharedAnswerItem
                a={a}
                c={c}
                user={user}
                onDone={onDone}
                result={results[a.id]}
                onResult={(r) => setResults((s) => ({ ...s, [a.id]: r }))}
              />
            </List.Item>
          )}
        />
      </Card>
      {mayDraft && <DraftForm clusterId={c.id} onDone={onDone} />}
    </Space>
  );
}

function SharedAnswerItem({
  a,
  c,
  user,
  onDone,
  result,
  onResult,
}: {
  a: SharedAnswer;
  c: ClusterDetail;
  user: User;
  onDone: () => void;
  result: ReplyAllAnswer | undefined;
  onResult: (r: ReplyAllAnswer) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { byCode } = useUnits();
  const policy = usePolicy({ id: a.policyId });
  const [busy, setBusy] = useState<'approve' | 'reject' | 'reply-all'>();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const open = c.members.filter(
    (m) => m.departmentCode === a.departmentCode && ['assigned', 'accepted'].includes(m.status),
  ).length;

  const review = async (approve: boolean) => {
    setBusy(approve ? 'approve' : 'reject');
    try {
      await api(`/api/v1/shared-answers/${a.id}/${approve ? 'approve' : 'reject'}`, {
        body: approve ? {} : { comment: comment.trim() },
      });
      void message.success(t(approve ? 'cluster.answer.approvedDone' : 'cluster.answer.rejectedDone'));
      setRejecting(false);
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const replyAll = async () => {
    setBusy('reply-all');
    try {
      const r = await api<ReplyAllAnswer>(`/api/v1/shared-answers/${a.id}/reply-all`, { body: {} });
      onResult(r);
      void message.success(t('cluster.replyAllDone', { replied: r.replied, failed: r.failed }));
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={ANSWER_COLORS[a.status]}>{t(`cluster.answer.${a.status}`)}</Tag>
        <Typography.Text strong>{unitName(a.departmentCode, byCode, lang)}</Typography.Text>
        <Typography.Text type="secondary">
          {t('case.reply.by', { who: a.draftedBy, at: formatTime(a.draftedAt) })}
        </Typography.Text>
        {a.reviewedBy && (
          <Typography.Text type="secondary">
            {t('case.reply.reviewed', { who: a.reviewedBy, at: formatTime(a.reviewedAt) })}
          </Typography.Text>
        )}
      </Space>
      <Typography.Paragraph className="pre-wrap" style={{ margin: 0 }} data-testid="answer-text">
        {a.text}
      </Typography.Paragraph>
      {(a.serviceItem || policy) && (
        <Space wrap size={4}>
          {policy && (
            <Tag color="geekblue" title={policy.title}>
              {policy.docNo}
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
      {a.reviewComment && <Typography.Text type="warning">{a.reviewComment}</Typography.Text>}
      {mayReview(user, a) && !rejecting && (
        <Space>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={busy === 'approve'}
            onClick={() => void review(true)}
            data-action="approve-answer"
          >
            {t('cluster.answer.approve')}
          </Button>
          <Button
            danger
            icon={<RollbackOutlined />}
            onClick={() => setRejecting(true)}
            data-action="reject-answer"
          >
            {t('cluster.answer.reject')}
          </Button>
        </Space>
      )}
      {rejecting && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            autoFocus
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            placeholder={t('review.commentHint')}
          />
          <Space>
            <Button
              danger
              disabled={!comment.trim()}
              loading={busy === 'reject'}
              onClick={() => void review(false)}
              data-action="confirm-reject-answer"
            >
              {t('cluster.answer.reject')}
            </Button>
            <Button onClick={() => setRejecting(false)}>{t('common.cancel')}</Button>
          </Space>
        </Space>
      )}
      {maySendAll(user, a) && (
        <Space wrap>
          <Popconfirm
            title={t('cluster.replyAllConfirm', { n: open })}
            onConfirm={() => replyAll()}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
          >
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'reply-all'}
              data-action="reply-all"
            >
              {t('cluster.replyAll')}
            </Button>
          </Popconfirm>
          <Typography.Text type="secondary">{t('cluster.replyAllHint', { n: open })}</Typography.Text>
        </Space>
      )}
      {result && <ReplyAllResults result={result} members={c.members} />}
    </Space>
  );
}

/** The bulk reply's answer, one line per case: answered, or why not. */
function ReplyAllResults({ result, members }: { result: ReplyAllAnswer; members: ClusterMember[] }) {
  const { t } = useI18n();
  const byId = useMemo(() => new Map(members.map((m) => [m.caseId, m])), [members]);
  return (
    <div data-testid="reply-all-results">
      <Alert
        type={result.failed ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 4 }}
        message={t('cluster.replyAllDone', { replied: result.replied, failed: result.failed })}
      />
      <List
        size="small"
        bordered
        dataSource={result.results}
        locale={{ emptyText: t('cluster.replyAllNone') }}
        renderItem={(r) => {
          const m = byId.get(r.caseId);
          return (
            <List.Item data-case-id={r.caseId} data-result={r.error ? 'failed' : 'replied'}>
              <Space wrap>
                <StatusTag status={r.status} />
                <Link to={`/cases/${r.caseId}`}>
                  {m?.title ?? m?.content.slice(0, 30) ?? r.caseId.slice(0, 8)}
                </Link>
                {m && (
                  <Typography.Text type="secondary">
                    <ChannelText channel={m.channel} /> · {formatTime(m.receivedAt).slice(5)}
                  </Typography.Text>
                )}
                {r.error && <Typography.Text type="danger">{r.error}</Typography.Text>}
              </Space>
            </List.Item>
          );
        }}
      />
    </div>
  );
}

interface DraftValues {
  text: string;
  policyId?: string;
  serviceName?: string;
  serviceUrl?: string;
}

/** 起草统一回应: the unit's answer for everyone who asked, with the policy and 一网通办 item it rests on. */
function DraftForm({ clusterId, onDone }: { clusterId: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<DraftValues>();
  const [busy, setBusy] = useState(false);
  const [policyQ, setPolicyQ] = useState('');
  const { data: policies } = usePoll(
    () => api<Page<Policy>>('/api/v1/policies', { query: { q: policyQ.trim() || undefined, limit: 20 } }),
    `policies:${policyQ}`,
    300000,
  );
  const submit = async (v: DraftValues) => {
    setBusy(true);
    try {
      await api(`/api/v1/clusters/${clusterId}/shared-answers`, {
        body: {
          text: v.text.trim(),
          policyId: v.policyId || undefined,
          serviceItem:
            v.serviceName?.trim() && v.serviceUrl?.trim()
              ? { name: v.serviceName.trim(), url: v.serviceUrl.trim() }
              : undefined,
        },
      });
      void message.success(t('cluster.drafted'));
      form.resetFields();
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  /** The 一网通办 item needs both its name and its address, or neither. */
  const serviceRule = (other: 'serviceName' | 'serviceUrl') => ({
    validator: (_: unknown, value: string | undefined) => {
      const otherValue = form.getFieldValue(other) as string | undefined;
      return !value?.trim() && otherValue?.trim()
        ? Promise.reject(new Error(t('cluster.serviceBoth')))
        : Promise.resolve();
    },
  });
  return (
    <Card size="small" title={t('cluster.draft')} data-testid="draft-answer">
      <Form<DraftValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="text"
          label={t('cluster.answerText')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 14 }}
            maxLength={20000}
            showCount
            placeholder={t('cluster.answerPlaceholder')}
            data-testid="answer-draft-text"
          />
        </Form.Item>
        <Form.Item name="policyId" label={t('cluster.policy')}>
          <Select<string>
            allowClear
            showSearch
            filterOption={false}
            onSearch={setPolicyQ}
            placeholder={t('board.policyHint')}
            options={(policies?.items ?? []).map((p) => ({ value: p.id, label: `${p.docNo} ${p.title}` }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="serviceName"
            style={{ flex: 2 }}
            dependencies={['serviceUrl']}
            rules={[serviceRule('serviceUrl')]}
          >
            <Input placeholder={t('cluster.serviceName')} data-testid="service-name" />
          </Form.Item>
          <Form.Item
            name="serviceUrl"
            style={{ flex: 3 }}
            dependencies={['serviceName']}
            rules={[{ type: 'url', message: t('cluster.serviceUrlInvalid') }, serviceRule('serviceName')]}
          >
            <Input placeholder="https://zwdt.sh.gov.cn/…" data-testid="service-url" />
          </Form.Item>
        </Space.Compact>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-action="draft-answer">
            {t('cluster.submitDraft')}
          </Button>
          <Typography.Text type="secondary">{t('cluster.draftHint')}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
