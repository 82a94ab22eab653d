import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { DirectoryImportProblem, DirectoryImportReport } from '../../api/types';
import { useShowError } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { uploadFile } from './admin-api';

/** Where an import is: sending the file (with the share sent), the hub checking its rows, done. */
export type ImportPhase = { step: 'idle' } | { step: 'sending'; percent: number } | { step: 'checking' };

/** The upload's progress: the bytes sent, then the hub reading every row. */
export function ImportProgress({ phase }: { phase: ImportPhase }) {
  const { t } = useI18n();
  if (phase.step === 'idle') return null;
  return (
    <Space style={{ width: '100%' }} data-testid="import-progress">
      <Progress
        percent={phase.step === 'sending' ? phase.percent : 100}
        status="active"
        size="small"
        style={{ width: 260, margin: 0 }}
      />
      <Typography.Text type="secondary">
        {phase.step === 'sending' ? t('admin.import.sending') : t('admin.import.checking')}
      </Typography.Text>
    </Space>
  );
}

/** The file picker of an import, busy while one runs, with its {@link ImportProgress} below. */
export function ImportPicker(props: {
  accept: string;
  action: string;
  phase: ImportPhase;
  onFile: (file: File) => void;
}) {
  const { t } = useI18n();
  const busy = props.phase.step !== 'idle';
  return (
    <>
      <Upload
        accept={props.accept}
        showUploadList={false}
        maxCount={1}
        disabled={busy}
        beforeUpload={(file) => {
          props.onFile(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-action={props.action}>
          {t('admin.import.choose')}
        </Button>
      </Upload>
      <ImportProgress phase={props.phase} />
    </>
  );
}

/**
 * 导入目录: a directory file (the shape of deploy/seed/jingan-directory.json: departments, streets,
 * policies) uploaded with its progress; units are upserted by code and policies by 文号, and every
 * rejected row is listed with its section, row number, field and problem.
 */
export function DirectoryImport({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [phase, setPhase] = useState<ImportPhase>({ step: 'idle' });
  const [report, setReport] = useState<{ file: string; report: DirectoryImportReport }>();

  const send = async (file: File) => {
    setReport(undefined);
    setPhase({ step: 'sending', percent: 0 });
    try {
      const r = await uploadFile<DirectoryImportReport>('/api/v1/directory/import', file, (percent) =>
        setPhase(percent < 100 ? { step: 'sending', percent } : { step: 'checking' }),
      );
      setReport({ file: file.name, report: r });
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setPhase({ step: 'idle' });
    }
  };

  return (
    <Card size="small" title={t('admin.import.directory')} data-testid="directory-import">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('admin.import.directoryHint')}</Typography.Text>
        <ImportPicker
          accept=".json,application/json"
          action="import-directory"
          phase={phase}
          onFile={(file) => void send(file)}
        />
        {report && <DirectoryReport file={report.file} report={report.report} />}
      </Space>
    </Card>
  );
}

function DirectoryReport({ file, report }: { file: string; report: DirectoryImportReport }) {
  const { t } = useI18n();
  const rejected = report.rejected.length;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-report">
      <Alert
        type={rejected ? 'warning' : 'success'}
        showIcon
        message={t('admin.import.summary', {
          file,
          rows: report.rows,
          accepted: report.accepted,
          updated: report.updated,
          rejected,
        })}
      />
      {rejected > 0 && (
        <Table<DirectoryImportProblem>
          size="small"
          // `data-row-key` says where: section:row:field.
          rowKey={(r) => `${r.section}:${r.row}:${r.field}:${r.problem.slice(0, 40)}`}
          dataSource={report.rejected}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="import-rejected"
          columns={[
            {
              title: t('admin.import.section'),
              dataIndex: 'section',
              width: 120,
              render: (v: DirectoryImportProblem['section']) => <Tag>{t(`admin.import.section.${v}`)}</Tag>,
            },
            { title: t('admin.import.row'), dataIndex: 'row', width: 70, align: 'right' },
            {
              title: t('admin.import.field'),
              dataIndex: 'field',
              width: 160,
              render: (v: string) => <code>{v}</code>,
            },
            {
              title: t('admin.import.problem'),
              dataIndex: 'problem',
              render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text>,
            },
          ]}
        />
      )}
    </Space>
  );
}
