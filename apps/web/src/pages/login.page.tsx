import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { forgetCachedReferenceData } from '../api/hooks';
import type { LoginAnswer } from '../api/types';
import { saveSession } from '../auth/session.store';
import { useI18n } from '../i18n/i18n';
import { LangSwitch } from '../layout/lang-switch';
import { homeOf } from '../layout/navigation';

interface Credentials {
  username: string;
  password: string;
}

/** `/login`: a demo or local account; the token stays in this tab (sessionStorage). */
export default function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (c: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<LoginAnswer>('/api/v1/auth/login', { body: c, auth: false });
      forgetCachedReferenceData();
      saveSession(answer);
      const next = params.get('next');
      void navigate(
        next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(answer.user.role),
        {
          replace: true,
        },
      );
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Card
        style={{ width: 380 }}
        title={
          <div className="page-title" style={{ margin: 0 }}>
            <span>
              {t('app.name')} · {t('login.title')}
            </span>
            <LangSwitch />
          </div>
        }
      >
        {params.get('expired') && (
          <Alert type="warning" showIcon message={t('login.expired')} style={{ marginBottom: 12 }} />
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form<Credentials> layout="vertical" onFinish={(c) => void submit(c)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} size="middle">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t('login.demoHint')}
        </Typography.Paragraph>
        <Link to="/board">{t('login.publicBoard')}</Link>
      </Card>
    </div>
  );
}
