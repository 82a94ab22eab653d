import { Badge, Space, Typography } from 'antd';
import { formatTimeSeconds } from '../cases/deadline';
import { useI18n } from '../i18n/i18n';

/** A list page's title with its live marker and when the list was last refreshed. */
export function LiveTitle({
  title,
  updatedAt,
}: {
  title: string;
  updatedAt: Date | string | null | undefined;
}) {
  const { t } = useI18n();
  return (
    <Space align="center">
      <Typography.Title level={4}>{title}</Typography.Title>
      <Badge status="processing" text={t('queue.live')} />
      <Typography.Text type="secondary">
        {updatedAt
          ? t('common.updatedAt', { time: formatTimeSeconds(updatedAt).slice(11) })
          : t('common.loading')}
      </Typography.Text>
    </Space>
  );
}
