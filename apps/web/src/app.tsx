import { App as AntApp, ConfigProvider, Result, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from './api/client';
import { useSession } from './auth/session.store';
import { I18nProvider, useI18n } from './i18n/i18n';
import { RoleGate } from './layout/role-gate';
import { homeOf } from './layout/navigation';
import { chunk } from './preload';
import { themeConfig } from './theme.mts';

// One chunk per page (preload.ts): the login page loads without the case pages, the SLA board and the
// analyst's dashboards bring ECharts when their charts come into view.
const AppLayout = lazy(chunk.layout);
const LoginPage = lazy(chunk.login);
const QueuePage = lazy(chunk.queue);
const CasePage = lazy(chunk.case);
const DispatchPage = lazy(chunk.dispatch);
const ReviewPage = lazy(chunk.review);
const SlaPage = lazy(chunk.sla);
const AnalyticsPage = lazy(chunk.analytics);
const ClustersPage = lazy(chunk.clusters);
const ClusterPage = lazy(chunk.cluster);
const AdminPage = lazy(chunk.admin);
const BoardPage = lazy(chunk.board);
const BoardTrackPage = lazy(chunk.boardTrack);

export function App() {
  return (
    <I18nProvider>
      <Themed>
        <BrowserRouter>
          <OnUnauthorized />
          <Suspense fallback={<Spin style={{ margin: 48 }} />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/board" element={<BoardPage />} />
              <Route path="/board/track/:code" element={<BoardTrackPage />} />
              <Route element={<AppLayout />}>
                <Route index element={<Home />} />
                <Route path="/queue" element={gate('queue', <QueuePage />)} />
                <Route path="/cases/:id" element={<CasePage />} />
                <Route path="/dispatch" element={gate('dispatch', <DispatchPage />)} />
                <Route path="/review" element={gate('review', <ReviewPage />)} />
                <Route path="/sla" element={gate('sla', <SlaPage />)} />
                <Route path="/analytics" element={gate('analytics', <AnalyticsPage />)} />
                <Route path="/clusters" element={gate('clusters', <ClustersPage />)} />
                <Route path="/clusters/:id" element={gate('clusters', <ClusterPage />)} />
                <Route path="/admin" element={gate('admin', <AdminPage />)} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </Themed>
    </I18nProvider>
  );
}

function gate(page: Parameters<typeof RoleGate>[0]['page'], element: ReactNode) {
  return <RoleGate page={page}>{element}</RoleGate>;
}

const APP_THEME = themeConfig(theme);

/** The app's antd theme (its styles are built into a stylesheet), the antd texts in the chosen language. */
function Themed({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      componentSize="small"
      button={{ autoInsertSpace: false }}
      theme={APP_THEME}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** A 401 from a logged-in call (the token expired): back to the login page, then back here. */
function OnUnauthorized() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const next = encodeURIComponent(window.location.pathname + window.location.search);
      if (!window.location.pathname.startsWith('/login')) void navigate(`/login?expired=1&next=${next}`);
    });
  }, [navigate, location]);
  return null;
}

function Home() {
  const session = useSession();
  return <Navigate to={session ? homeOf(session.user.role) : '/login'} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('common.notFound')} />;
}
