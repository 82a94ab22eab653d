import { AutoComplete, Button, Card, Form, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { BoardPostAnswer } from '../api/types';
import { useShowError } from '../components/errors';
import { useI18n } from '../i18n/i18n';
import { PublicHeader } from './public-header';

interface PostForm {
  policyDocNo?: string;
  title: string;
  content: string;
  name?: string;
  phone?: string;
}

/** 文号 suggestions; any other 文号 can be typed (the registry is not public yet). */
const KNOWN_POLICIES = ['静府办发〔2026〕4号'];

/** An id for this post, so a repeated submit (a retry, a double click) files one question. */
function newPostId(): string {
  const random =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `web-${random}`;
}

/**
 * `/board` (public, no login): ask the department that drafted a policy; the answer shows the
 * tracking code to follow it on `/board/track/:code`.
 */
export default function BoardPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const [form] = Form.useForm<PostForm>();
  const [postId, setPostId] = useState(newPostId);
  const [posted, setPosted] = useState<BoardPostAnswer>();
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState('');

  const submit = async (f: PostForm) => {
    setBusy(true);
    try {
      const author =
        f.name || f.phone ? { name: f.name || undefined, phone: f.phone || undefined } : undefined;
      const answer = await api<BoardPostAnswer>('/api/v1/board/posts', {
        auth: false,
        body: {
          postId,
          policyDocNo: f.policyDocNo?.trim() || undefined,
          title: f.title.trim(),
          content: f.content.trim(),
          author,
        },
      });
      setPosted(answer);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    form.resetFields();
    setPostId(newPostId());
    setPosted(undefined);
  };

  return (
    <div className="public-page">
      <PublicHeader />
      <Typography.Paragraph type="secondary">{t('board.intro')}</Typography.Paragraph>
      {posted ? (
        <Card>
          <Result
            status="success"
            title={t('board.posted')}
            subTitle={t('board.keepCode')}
            extra={
              <Space direction="vertical" align="center">
                <Typography.Text type="secondary">{t('board.trackingCode')}</Typography.Text>
                <Typography.Text className="tracking-code" copyable data-testid="tracking-code">
                  {posted.trackingCode}
                </Typography.Text>
                <Space>
                  <Link to={`/board/track/${posted.trackingCode}`}>
                    <Button type="primary">{t('board.track')}</Button>
                  </Link>
                  <Button onClick={again}>{t('board.newPost')}</Button>
                </Space>
              </Space>
            }
          />
        </Card>
      ) : (
        <Card title={t('board.newPost')}>
          <Form<PostForm> form={form} layout="vertical" onFinish={(f) => void submit(f)} requiredMark={false}>
            <Form.Item name="policyDocNo" label={t('board.policyDocNo')} rules={[{ max: 100 }]}>
              <AutoComplete
                options={KNOWN_POLICIES.map((p) => ({ value: p }))}
                placeholder={t('board.policyHint')}
                filterOption={(input, o) => String(o?.value ?? '').includes(input)}
              />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('board.title.field')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="content"
              label={t('board.content')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 20000 }]}
            >
              <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={20000} showCount />
            </Form.Item>
            <Space size="large" wrap>
              <Form.Item name="name" label={t('board.name')} rules={[{ max: 50 }]}>
                <Input style={{ width: 220 }} maxLength={50} />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('board.phone')}
                rules={[{ pattern: /^[+\d][\d\s-]{5,19}$/, message: '13812345678' }]}
              >
                <Input style={{ width: 220 }} maxLength={20} />
              </Form.Item>
            </Space>
            <div>
              <Button type="primary" htmlType="submit" loading={busy} size="middle">
                {t('board.submit')}
              </Button>
            </div>
          </Form>
        </Card>
      )}
      <Card title={t('board.track')} style={{ marginTop: 16 }}>
        <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
          <Input
            placeholder={t('board.trackInput')}
            value={code}
            onChange={(e) => setCode(e.target.value.trim())}
            onPressEnter={() => code && void navigate(`/board/track/${encodeURIComponent(code)}`)}
          />
          <Button disabled={!code} onClick={() => void navigate(`/board/track/${encodeURIComponent(code)}`)}>
            {t('common.search')}
          </Button>
        </Space.Compact>
      </Card>
    </div>
  );
}
