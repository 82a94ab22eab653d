import { App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useUnits } from '../api/hooks';
import { type CaseDetail, RETURN_REASONS } from '../api/types';
import { UnitSelect } from '../components/case-bits';
import { useShowError } from '../components/errors';
import { useI18n } from '../i18n/i18n';
import { runAction } from './run-action';
import { type Action, allowedActions } from './workflow-actions';

/** Steps that ask for something first (a unit, a reason, a comment); the others go at once. */
type FormAction = Exclude<Action, 'accept' | 'reply' | 'approve-reply' | 'close'>;
const NEEDS_FORM: readonly Action[] = [
  'assign',
  'return',
  'transfer',
  'request-extension',
  'decide-extension',
  'reject-reply',
  'supervise',
  'remind',
  'merge',
  'reopen',
];
/** The reply editor has its own card; here only the steps around it. */
const HIDDEN_HERE: readonly Action[] = ['reply'];
const PRIMARY: readonly Action[] = ['accept', 'approve-reply', 'assign'];
const DANGER: readonly Action[] = ['return', 'reject-reply'];

/**
 * The workflow steps open to the caller on this case now, as buttons; those that need input open
 * a small form (Enter submits). The API's refusal (409, 403, 400) is shown as a message.
 */
export function CaseActions({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [open, setOpen] = useState<FormAction>();
  const [busy, setBusy] = useState<Action>();
  const actions = allowedActions(c).filter((a) => !HIDDEN_HERE.includes(a));

  const go = async (action: Action, body?: object) => {
    setBusy(action);
    try {
      await runAction(c.id, action, body);
      void message.success(t('case.done', { action: t(`action.${action}`) }));
      setOpen(undefined);
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };

  if (!actions.length) return <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>;
  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={PRIMARY.includes(a) ? 'primary' : 'default'}
            danger={DANGER.includes(a)}
            loading={busy === a}
            data-action={a}
            onClick={() => (NEEDS_FORM.includes(a) ? setOpen(a as FormAction) : void go(a))}
          >
            {t(`action.${a}`)}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionForm
          action={open}
          c={c}
          busy={busy === open}
          onCancel={() => setOpen(undefined)}
          onSubmit={(body) => void go(open, body)}
        />
      )}
    </>
  );
}

function ActionForm({
  action,
  c,
  busy,
  onCancel,
  onSubmit,
}: {
  action: FormAction;
  c: CaseDetail;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: object) => void;
}) {
  const { t } = useI18n();
  const { units } = useUnits();
  const [form] = Form.useForm<Record<string, unknown>>();
  const required = [{ required: true, message: t('form.required') }];
  const otherUnits = units.filter((u) => u.code !== c.departmentCode);

  const fields = (() => {
    switch (action) {
      case 'assign':
      case 'transfer':
        return (
          <>
            <Form.Item name="departmentCode" label={t('form.unit')} rules={required}>
              <UnitSelect
                units={action === 'transfer' ? otherUnits : units}
                autoFocus
                data-testid="unit-select"
              />
            </Form.Item>
            <Form.Item
              name={action === 'transfer' ? 'reason' : 'comment'}
              label={action === 'transfer' ? t('form.reason') : t('common.optionalComment')}
              rules={action === 'transfer' ? required : []}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'return':
        return (
          <>
            <Form.Item name="reasonCode" label={t('form.reasonCode')} rules={required}>
              <Select
                autoFocus
                options={RETURN_REASONS.map((r) => ({ value: r, label: t(`returnReason.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="comment" label={t('common.comment')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'request-extension':
        return (
          <>
            <Form.Item name="workingDays" label={t('form.workingDays')} rules={required} initialValue={5}>
              <InputNumber min={1} max={15 - (c.deadlines?.extendedDays ?? 0)} autoFocus />
            </Form.Item>
            <Form.Item name="reason" label={t('form.reason')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'decide-extension':
        return (
          <>
            {c.deadlines.extensionRequest && (
              <Typography.Paragraph>
                {t('deadline.extensionWaiting', {
                  n: c.deadlines.extensionRequest.workingDays,
                  reason: c.deadlines.extensionRequest.reason,
                  who: c.deadlines.extensionRequest.requestedBy,
                })}
              </Typography.Paragraph>
            )}
            <Form.Item
              name="approve"
              label={t('action.decide-extension')}
              rules={required}
              initialValue={true}
            >
              <Radio.Group
                options={[
                  { value: true, label: t('form.approve') },
                  { value: false, label: t('form.reject') },
                ]}
              />
            </Form.Item>
            <Form.Item name="comment" label={t('common.optionalComment')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'reject-reply':
        return (
          <Form.Item name="comment" label={t('common.comment')} rules={required}>
            <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
        );
      case 'supervise':
      case 'remind':
        return (
          <Form.Item name="comment" label={t('common.optionalComment')}>
            <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        );
      case 'merge':
        return (
          <Form.Item
            name="intoCaseId"
            label={t('form.intoCaseId')}
            rules={[...required, { pattern: /^[0-9a-f-]{36}$/i, message: 'UUID' }]}
          >
            <Input autoFocus placeholder="00000000-0000-0000-0000-000000000000" />
          </Form.Item>
        );
      case 'reopen':
        return (
          <Form.Item name="reason" label={t('form.reason')} rules={required}>
            <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        );
    }
  })();

  return (
    <Modal
      open
      title={t(`action.${action}`)}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => {
          const body = Object.fromEntries(
            Object.entries(values).filter(([, v]) => v !== undefined && v !== ''),
          );
          onSubmit(body);
        }}
        onKeyDown={(e) => {
          // Enter submits from a one-line field; Ctrl/⌘+Enter from a text area.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
        }}
      >
        {fields}
      </Form>
    </Modal>
  );
}
