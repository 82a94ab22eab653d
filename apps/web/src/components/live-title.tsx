import { Badge, Space, Tooltip, Typography } from 'antd';
import type { LiveState } from '../api/live';
import { formatTimeSeconds } from '../cases/deadline';
import { useI18n } from '../i18n/i18n';

/**
 * A list page's title with its live marker and when the list was last refreshed. With `live`, the
 * marker says whether the page is pushed to (实时), connecting, or polling while the stream is down.
 */
export function LiveTitle({
  title,
  updatedAt,
  live,
}: {
  title: string;
  updatedAt: Date | string | null | undefined;
  live?: LiveState;
}) {
  const { t } = useI18n();
  return (
    <Space align="center">
      <Typography.Title level={4}>{title}</Typography.Title>
      <LiveBadge live={live} />
      <Typography.Text type="secondary">
        {updatedAt
          ? t('common.updatedAt', { time: formatTimeSeconds(updatedAt).slice(11) })
          : t('common.loading')}
      </Typography.Text>
    </Space>
  );
}

/** The live marker alone: pushed to (实时), connecting, or polling while the stream is down. */
export function LiveBadge({ live }: { live?: LiveState }) {
  const { t } = useI18n();
  const marker =
    live === undefined || live === 'live' ? (
      <Badge status="processing" text={t('queue.live')} />
    ) : live === 'connecting' ? (
      <Badge status="default" text={t('live.connecting')} />
    ) : (
      <Tooltip title={t('live.pollingHint')}>
        <Badge status="warning" text={t('live.polling')} />
      </Tooltip>
    );
  return (
    <span data-testid="live-state" data-state={live ?? 'polling'}>
      {marker}
    </span>
  );
}
