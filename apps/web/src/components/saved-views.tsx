import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Popconfirm, Select, Space, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useShowError } from './errors';

/** A saved view (保存的视图) as `GET /api/v1/me/views` lists it. */
interface SavedView {
  id: string;
  page: string;
  name: string;
  /** The page's URL query string. */
  query: string;
  createdAt: string;
  updatedAt: string;
}

/** The same filters in any order are the same view. */
function normalize(query: string): string {
  const params = new URLSearchParams(query);
  params.sort();
  return params.toString();
}

/**
 * 保存的视图: the user's named filter sets of a list page, kept on the server (they follow the
 * user to another machine). Pick one to apply it, save the current filters under a name (the
 * same name replaces), delete the one that is applied.
 */
export function SavedViews({
  page,
  query,
  onApply,
}: {
  page: 'queue';
  /** The page's filters now (its URL query string). */
  query: string;
  onApply: (query: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [views, setViews] = useState<SavedView[]>();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setViews((await api<{ items: SavedView[] }>('/api/v1/me/views', { query: { page } })).items);
    } catch (e) {
      showError(e);
    }
  }, [page, showError]);
  useEffect(() => {
    void load();
  }, [load]);

  const current = normalize(query);
  const active = views?.find((v) => normalize(v.query) === current);

  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    try {
      await api<SavedView>('/api/v1/me/views', { body: { page, name: trimmed, query } });
      void message.success(t('views.saved', { name: trimmed }));
      setNaming(false);
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (view: SavedView) => {
    try {
      await api(`/api/v1/me/views/${view.id}`, { method: 'DELETE' });
      void message.success(t('views.deleted', { name: view.name }));
      await load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <Space.Compact>
        <Select
          style={{ width: 180 }}
          data-testid="saved-views"
          placeholder={t('views.placeholder')}
          aria-label={t('views.placeholder')}
          loading={!views}
          value={active?.id}
          notFoundContent={t('views.empty')}
          options={(views ?? []).map((v) => ({ value: v.id, label: v.name }))}
          onChange={(id: string) => {
            const view = views?.find((v) => v.id === id);
            if (view) onApply(view.query);
          }}
        />
        <Tooltip title={t('views.saveTitle')}>
          <Button
            icon={<SaveOutlined />}
            aria-label={t('views.save')}
            data-testid="save-view"
            onClick={() => {
              setName(active?.name ?? '');
              setNaming(true);
            }}
          />
        </Tooltip>
        <Popconfirm
          title={t('views.deleteConfirm', { name: active?.name ?? '' })}
          disabled={!active}
          onConfirm={() => active && remove(active)}
        >
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('views.delete')}
            data-testid="delete-view"
            disabled={!active}
          />
        </Popconfirm>
      </Space.Compact>
      <Modal
        open={naming}
        title={t('views.saveTitle')}
        okText={t('views.save')}
        okButtonProps={{ loading: busy, disabled: !name.trim() }}
        onOk={() => void save()}
        onCancel={() => setNaming(false)}
        destroyOnClose
      >
        <Input
          autoFocus
          maxLength={60}
          value={name}
          placeholder={t('views.name')}
          aria-label={t('views.name')}
          data-testid="view-name"
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => void save()}
        />
        <Typography.Text type="secondary">{t('views.nameHint')}</Typography.Text>
      </Modal>
    </>
  );
}
