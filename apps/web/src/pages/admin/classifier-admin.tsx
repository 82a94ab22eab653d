import { CheckOutlined, ExperimentOutlined, RollbackOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Popconfirm,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useNow, usePoll, useUnits } from '../../api/hooks';
import type { ClassifierModel, ExampleImportReport, TrainingJob } from '../../api/types';
import { formatDuration, formatTime } from '../../cases/deadline';
import { unitName } from '../../components/case-bits';
import { useShowError } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { uploadFile } from './admin-api';
import { type ImportPhase, ImportPicker } from './directory-import';

const JOB_KEY = 'hub.admin.trainingJob';
const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/**
 * 分类模型: the stored versions with their cross-validated scores and which one routes now; train a
 * new version (a job the triage service runs, followed here until it is done), activate a version,
 * roll back to the one before, and import labelled training examples (every bad line by number).
 */
export function ClassifierAdmin() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, error, reload } = usePoll(
    () => api<{ items: ClassifierModel[] }>('/api/v1/classifier/models'),
    'classifier-models',
    30000,
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);
  const models = data?.items ?? [];
  const active = models.find((m) => m.active);
  const [busy, setBusy] = useState<string>();

  const activate = async (version: number) => {
    setBusy(`activate-${version}`);
    try {
      await api(`/api/v1/classifier/models/${version}/activate`, { method: 'POST', body: {} });
      void message.success(t('admin.model.activated', { v: version }));
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const rollback = async () => {
    setBusy('rollback');
    try {
      const r = await api<{ active: ClassifierModel; rolledBackFrom: number }>(
        '/api/v1/classifier/rollback',
        {
          method: 'POST',
          body: {},
        },
      );
      void message.success(t('admin.model.rolledBack', { from: r.rolledBackFrom, to: r.active.version }));
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const columns: ColumnsType<ClassifierModel> = [
    {
      title: t('admin.model.version'),
      dataIndex: 'version',
      width: 110,
      render: (v: number, m) => (
        <Space size={4}>
          <Typography.Text strong>v{v}</Typography.Text>
          {m.active && (
            <Tag color="green" data-testid="active-model">
              {t('admin.model.active')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: 'macro-F1', key: 'f1', width: 90, align: 'right', render: (_, m) => pct(m.metrics.macroF1) },
    {
      title: t('admin.model.accuracy'),
      key: 'accuracy',
      width: 90,
      align: 'right',
      render: (_, m) => pct(m.metrics.accuracy),
    },
    {
      title: t('admin.model.trainedOn'),
      key: 'trainedOn',
      render: (_, m) => (
        <Space size={4} wrap>
          <Typography.Text>{t('admin.model.messages', { n: m.trainedOn })}</Typography.Text>
          {Object.entries(m.metrics.examples ?? {}).map(([source, n]) => (
            <Tag key={source}>{t('admin.model.source', { source: sourceLabel(t, source), n })}</Tag>
          ))}
          <Typography.Text type="secondary">
            {t('admin.model.labels', { n: m.labels.length })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('admin.model.createdAt'),
      dataIndex: 'createdAt',
      width: 130,
      render: (v: string) => formatTime(v),
    },
    {
      title: t('admin.model.activatedAt'),
      dataIndex: 'activatedAt',
      width: 130,
      render: (v: string | null) => formatTime(v),
    },
    {
      key: 'actions',
      width: 110,
      render: (_, m) =>
        m.active ? null : (
          <Popconfirm
            title={t('admin.model.activateConfirm', { v: m.version })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => activate(m.version)}
          >
            <Button
              size="small"
              icon={<CheckOutlined />}
              loading={busy === `activate-${m.version}`}
              data-action="activate-model"
            >
              {t('admin.model.activate')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('admin.model.now')} data-testid="model-summary">
        {active ? (
          <Descriptions size="small" column={4}>
            <Descriptions.Item label={t('admin.model.version')}>
              <span data-testid="active-version">v{active.version}</span>
            </Descriptions.Item>
            <Descriptions.Item label="macro-F1">{pct(active.metrics.macroF1)}</Descriptions.Item>
            <Descriptions.Item label={t('admin.model.activatedAt')}>
              {formatTime(active.activatedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.model.previous')}>
              {active.previousVersion ? `v${active.previousVersion}` : '—'}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          data && <Alert type="warning" showIcon message={t('admin.model.noneActive')} />
        )}
        <Space wrap style={{ marginTop: 8 }}>
          <Popconfirm
            title={t('admin.model.rollbackConfirm', {
              from: active?.version ?? '—',
              to: active?.previousVersion ?? '—',
            })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => rollback()}
            disabled={!active?.previousVersion}
          >
            <Button
              icon={<RollbackOutlined />}
              disabled={!active?.previousVersion}
              loading={busy === 'rollback'}
              data-action="rollback-model"
            >
              {t('admin.model.rollback')}
            </Button>
          </Popconfirm>
          <Typography.Text type="secondary">{t('admin.model.effectHint')}</Typography.Text>
        </Space>
      </Card>
      <TrainingCard models={models} onChanged={reload} onActivate={activate} busy={busy} />
      <Table<ClassifierModel>
        rowKey="version"
        size="small"
        columns={columns}
        dataSource={models}
        loading={!data && !error}
        data-testid="models"
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        expandable={{ expandedRowRender: (m) => <PerLabel model={m} /> }}
      />
      <ExampleImport />
    </Space>
  );
}

function sourceLabel(t: ReturnType<typeof useI18n>['t'], source: string): string {
  switch (source) {
    case 'corpus':
      return t('admin.model.source.corpus');
    case 'correction':
      return t('admin.model.source.correction');
    case 'import':
      return t('admin.model.source.import');
    default:
      return source;
  }
}

/** Each unit's precision, recall and F1 (cross-validated) and how many examples it had. */
function PerLabel({ model }: { model: ClassifierModel }) {
  const { t, lang } = useI18n();
  const { byCode } = useUnits();
  const rows = [...(model.metrics.perLabel ?? [])].sort((a, b) => a.f1 - b.f1);
  return (
    <Table
      size="small"
      rowKey="label"
      dataSource={rows}
      pagination={false}
      columns={[
        {
          title: t('field.department'),
          dataIndex: 'label',
          render: (v: string) => unitName(v, byCode, lang),
        },
        {
          title: t('admin.model.precision'),
          dataIndex: 'precision',
          align: 'right',
          render: (v: number) => pct(v),
        },
        {
          title: t('admin.model.recall'),
          dataIndex: 'recall',
          align: 'right',
          render: (v: number) => pct(v),
        },
        { title: 'F1', dataIndex: 'f1', align: 'right', render: (v: number) => pct(v) },
        { title: t('admin.model.support'), dataIndex: 'support', align: 'right' },
      ]}
    />
  );
}

/** A training job's id from a 409 ("training <id> is queued; wait for it to finish"). */
function pendingJobId(e: unknown): string | undefined {
  return e instanceof ApiError && e.status === 409
    ? /training ([0-9a-f-]{36}) is/i.exec(e.message)?.[1]
    : undefined;
}

/** 训练新版本: queue a job, then follow it (queued → running → done or failed) until it ends. */
function TrainingCard({
  models,
  onChanged,
  onActivate,
  busy,
}: {
  models: ClassifierModel[];
  onChanged: () => void;
  onActivate: (version: number) => Promise<void>;
  busy: string | undefined;
}) {
  const { t } = useI18n();
  const showError = useShowError();
  const now = useNow();
  const [activateWhenDone, setActivateWhenDone] = useState(false);
  const [jobId, setJobId] = useState<string | null>(() => sessionStorage.getItem(JOB_KEY));
  const [job, setJob] = useState<TrainingJob>();
  const [starting, setStarting] = useState(false);

  const follow = useCallback((id: string | null) => {
    if (id) sessionStorage.setItem(JOB_KEY, id);
    else sessionStorage.removeItem(JOB_KEY);
    setJob(undefined);
    setJobId(id);
  }, []);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await api<TrainingJob>(`/api/v1/classifier/training/${jobId}`);
        if (stopped) return;
        setJob(j);
        if (j.status === 'done' || j.status === 'failed') {
          onChanged();
          return;
        }
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && e.status === 404) return follow(null);
        showError(e);
      }
      timer = setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onChanged and showError are stable enough; a new job id restarts the follow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);

  const train = async () => {
    setStarting(true);
    try {
      const j = await api<TrainingJob>('/api/v1/classifier/models', {
        method: 'POST',
        body: { activate: activateWhenDone },
      });
      follow(j.id);
    } catch (e) {
      const pending = pendingJobId(e);
      if (pending) follow(pending);
      else showError(e);
    } finally {
      setStarting(false);
    }
  };

  const running = job && (job.status === 'queued' || job.status === 'running');
  const step = !job ? 0 : job.status === 'queued' ? 0 : job.status === 'running' ? 1 : 2;
  const since = job
    ? Date.parse(job.finishedAt ?? new Date(now).toISOString()) - Date.parse(job.requestedAt)
    : 0;
  const trained = job?.version ? (models.find((m) => m.version === job.version) ?? job.model) : null;

  return (
    <Card size="small" title={t('admin.model.train')} data-testid="training">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('admin.model.trainHint')}</Typography.Text>
        <Space wrap>
          <Button
            type="primary"
            icon={<ExperimentOutlined />}
            loading={starting}
            disabled={!!running}
            onClick={() => void train()}
            data-action="train-model"
          >
            {t('admin.model.trainNew')}
          </Button>
          <Checkbox checked={activateWhenDone} onChange={(e) => setActivateWhenDone(e.target.checked)}>
            {t('admin.model.activateWhenDone')}
          </Checkbox>
        </Space>
        {jobId && job && (
          <div data-testid="training-job" data-job-status={job.status}>
            <Steps
              size="small"
              current={step}
              status={job.status === 'failed' ? 'error' : job.status === 'done' ? 'finish' : 'process'}
              items={[
                { title: t('admin.model.job.queued'), description: formatTime(job.requestedAt) },
                { title: t('admin.model.job.running'), description: formatTime(job.startedAt) },
                {
                  title: job.status === 'failed' ? t('admin.model.job.failed') : t('admin.model.job.done'),
                  description: formatTime(job.finishedAt),
                },
              ]}
              style={{ maxWidth: 720 }}
            />
            <Space wrap style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">
                {t('admin.model.job.elapsed', {
                  d: formatDuration(Math.max(0, since), (n) => t('deadline.days', { n })),
                })}{' '}
                · {t('admin.model.job.by', { who: job.requestedBy })}
              </Typography.Text>
              {job.status === 'failed' && <Typography.Text type="danger">{job.error}</Typography.Text>}
              {job.status === 'done' && trained && (
                <>
                  <Typography.Text data-testid="trained-version">
                    {t('admin.model.job.result', {
                      v: trained.version,
                      f1: pct(trained.metrics.macroF1),
                      n: trained.trainedOn,
                    })}
                  </Typography.Text>
                  {trained.active ? (
                    <Tag color="green">{t('admin.model.active')}</Tag>
                  ) : (
                    <Button
                      size="small"
                      icon={<CheckOutlined />}
                      loading={busy === `activate-${trained.version}`}
                      onClick={() => void onActivate(trained.version)}
                      data-action="activate-trained"
                    >
                      {t('admin.model.activateThis', { v: trained.version })}
                    </Button>
                  )}
                </>
              )}
            </Space>
          </div>
        )}
      </Space>
    </Card>
  );
}

/** 导入训练样本: JSONL {id?, title?, content, label}, the label a unit code; every bad line by number. */
function ExampleImport() {
  const { t } = useI18n();
  const showError = useShowError();
  const [phase, setPhase] = useState<ImportPhase>({ step: 'idle' });
  const [report, setReport] = useState<{ file: string; report: ExampleImportReport }>();
  const send = async (file: File) => {
    setReport(undefined);
    setPhase({ step: 'sending', percent: 0 });
    try {
      const r = await uploadFile<ExampleImportReport>('/api/v1/classifier/examples/import', file, (percent) =>
        setPhase(percent < 100 ? { step: 'sending', percent } : { step: 'checking' }),
      );
      setReport({ file: file.name, report: r });
    } catch (e) {
      showError(e);
    } finally {
      setPhase({ step: 'idle' });
    }
  };
  const r = report?.report;
  return (
    <Card size="small" title={t('admin.examples.title')} data-testid="example-import">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('admin.examples.hint')}</Typography.Text>
        <ImportPicker
          accept=".jsonl,.ndjson,.txt"
          action="import-examples"
          phase={phase}
          onFile={(file) => void send(file)}
        />
        {r && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="examples-report">
            <Alert
              type={r.rejected.length ? 'warning' : 'success'}
              showIcon
              message={t('admin.examples.summary', {
                file: report.file,
                lines: r.lines,
                accepted: r.accepted,
                updated: r.updated,
                rejected: r.rejected.length,
              })}
            />
            {r.rejected.length > 0 && (
              <Table
                size="small"
                rowKey="line"
                dataSource={r.rejected}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  { title: t('admin.examples.line'), dataIndex: 'line', width: 80, align: 'right' },
                  {
                    title: t('admin.import.problem'),
                    dataIndex: 'problem',
                    render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text>,
                  },
                ]}
              />
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
