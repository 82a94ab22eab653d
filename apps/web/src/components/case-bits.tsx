import { Select, type SelectProps, Tag } from 'antd';
import type { CaseStatus, Channel, MessageKind, Unit } from '../api/types';
import { deadlineState, formatDuration, formatTime } from '../cases/deadline';
import { useI18n } from '../i18n/i18n';
import { HoverTip } from './hover-tip';

/** Typography.Text type="secondary" without a component per cell (lists render many). */
const SECONDARY = { color: 'rgba(0, 0, 0, 0.45)' };

const STATUS_COLORS: Record<CaseStatus, string> = {
  received: 'default',
  'pending-dispatch': 'magenta',
  assigned: 'blue',
  accepted: 'geekblue',
  'reply-review': 'purple',
  replied: 'green',
  closed: 'default',
  merged: 'default',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function ChannelText({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  return <>{t(`channel.${channel}`)}</>;
}

export function KindText({ kind }: { kind: MessageKind | null }) {
  const { t } = useI18n();
  return <>{kind ? t(`kind.${kind}`) : '—'}</>;
}

export function UrgentTag({ urgency }: { urgency: string | null }) {
  const { t } = useI18n();
  return urgency === 'urgent' ? <Tag color="red">{t('urgency.urgent')}</Tag> : null;
}

/** A unit's name in the current language (its code while the directory loads). */
export function unitName(code: string | null, byCode: Map<string, Unit>, lang: 'zh' | 'en'): string {
  if (!code) return '—';
  const u = byCode.get(code);
  if (!u) return code;
  return lang === 'en' && u.nameEn ? u.nameEn : u.name;
}

/**
 * The live countdown to `dueAt`: green on track, orange at risk (past `warnAt`), red breached (past
 * `dueAt`), grey once answered.
 */
export function DeadlineCountdown({
  status,
  dueAt,
  warnAt,
  now,
}: {
  status: CaseStatus;
  dueAt: string | null;
  warnAt: string | null | undefined;
  now: number;
}) {
  const { t } = useI18n();
  const state = deadlineState({ status, dueAt }, warnAt, now);
  const days = (n: number) => t('deadline.days', { n });
  switch (state) {
    case 'none':
      return <span style={SECONDARY}>{t('deadline.none')}</span>;
    case 'done':
      return <span style={SECONDARY}>{formatTime(dueAt)}</span>;
    case 'breached':
      return (
        <HoverTip title={formatTime(dueAt)}>
          <Tag color="red" className="countdown" data-deadline={state}>
            {t('deadline.overdue', { d: formatDuration(now - Date.parse(dueAt!), days) })}
          </Tag>
        </HoverTip>
      );
    case 'at-risk':
    case 'on-track':
      return (
        <HoverTip title={`${t('field.dueAt')} ${formatTime(dueAt)}`}>
          <Tag color={state === 'at-risk' ? 'orange' : 'green'} className="countdown" data-deadline={state}>
            {t('deadline.left', { d: formatDuration(Date.parse(dueAt!) - now, days) })}
          </Tag>
        </HoverTip>
      );
  }
}

/** A searchable select of units (departments and street offices) by name or code. */
export function UnitSelect(props: SelectProps<string> & { units: Unit[] }) {
  const { lang } = useI18n();
  const { units, ...rest } = props;
  const options = units.map((u) => ({
    value: u.code,
    label: `${lang === 'en' && u.nameEn ? u.nameEn : u.name}`,
    search: `${u.name} ${u.nameEn ?? ''} ${u.code}`.toLowerCase(),
  }));
  return (
    <Select<string>
      showSearch
      options={options}
      filterOption={(input, option) =>
        ((option as { search?: string } | undefined)?.search ?? '').includes(input.toLowerCase())
      }
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}
