import { fetchAhead } from './api/client';
import { fetchCaseDetail, listCasesAhead, loadUnits } from './api/hooks';
import {
  ANALYTICS_START,
  DISPATCH_STATUSES,
  hotTopicsQuery,
  monthlyQuestionsQuery,
  queueList,
  REVIEW_STATUSES,
  slaMetricsQuery,
  slaWatchFilters,
  streetVolumeQuery,
  volumeFrom,
  volumeQuery,
} from './api/page-requests';
import { type CaseItem, OPEN_STATUSES, type Role } from './api/types';
import { currentSession } from './auth/session.store';
import { byUrgencyAndTimeLeft } from './cases/deadline';
import { homeOf } from './layout/navigation';

// What a page needs, started as the app starts: boot.ts runs this first, before the app's large
// library file is even evaluated (main.tsx calls it too, for the dev server, where boot.ts is not
// a separate script). It imports nothing heavier than React's small core.

/** The code of each page (one chunk each) and of the staff layout: app.tsx loads them lazily. */
export const chunk = {
  layout: () => import('./layout/app-layout'),
  login: () => import('./pages/login.page'),
  queue: () => import('./pages/queue.page'),
  case: () => import('./pages/case.page'),
  dispatch: () => import('./pages/dispatch.page'),
  review: () => import('./pages/review.page'),
  sla: () => import('./pages/sla.page'),
  analytics: () => import('./pages/analytics.page'),
  clusters: () => import('./pages/clusters.page'),
  cluster: () => import('./pages/cluster.page'),
  admin: () => import('./pages/admin.page'),
  board: () => import('./pages/board.page'),
  boardTrack: () => import('./pages/board-track.page'),
};

/**
 * The pages whose code {@link preloadRoute} fetches early (`staff`: inside the staff layout), and
 * the API calls each makes first, sent at the same time (built by the same functions the page uses).
 */
const EARLY: {
  path: string;
  load: () => Promise<unknown>;
  staff: boolean;
  data?: (ask: { role: Role; id: string | undefined; search: URLSearchParams }) => unknown;
}[] = [
  { path: '/login', load: chunk.login, staff: false },
  { path: '/board', load: chunk.board, staff: false },
  { path: '/board/track/:code', load: chunk.boardTrack, staff: false },
  {
    path: '/queue',
    load: chunk.queue,
    staff: true,
    data: ({ role, search }) => {
      const { statuses, filters } = queueList(role, search);
      return listCasesAhead(statuses, filters);
    },
  },
  {
    path: '/cases/:id',
    load: chunk.case,
    staff: true,
    data: ({ id }) =>
      Promise.all([fetchAhead(`/api/v1/cases/${id}`), fetchAhead(`/api/v1/cases/${id}/suggestions`)]),
  },
  // These pages read each listed case (the routing suggestions, the draft reply): asked for as soon
  // as the list is in, not once the page has rendered it.
  {
    path: '/dispatch',
    load: chunk.dispatch,
    staff: true,
    data: () => listCasesAhead(DISPATCH_STATUSES, {}).then(detailsAhead),
  },
  {
    path: '/review',
    load: chunk.review,
    staff: true,
    data: () => listCasesAhead(REVIEW_STATUSES, {}).then(detailsAhead),
  },
  {
    path: '/sla',
    load: chunk.sla,
    staff: true,
    data: () =>
      Promise.all([
        fetchAhead('/api/v1/metrics', slaMetricsQuery({})),
        listCasesAhead(OPEN_STATUSES, slaWatchFilters()),
      ]),
  },
  {
    path: '/analytics',
    // Its charts are in view on a laptop screen (below a short table): their code comes with the page's.
    load: () => Promise.all([chunk.analytics(), import('./components/trend-charts')]),
    staff: true,
    data: () => {
      const from = volumeFrom(ANALYTICS_START.weeks);
      return Promise.all([
        fetchAhead('/api/v1/analytics/hot-topics', hotTopicsQuery(ANALYTICS_START.window, {})),
        fetchAhead('/api/v1/analytics/volume', volumeQuery(ANALYTICS_START.groupBy, from, {})),
        fetchAhead('/api/v1/analytics/volume', streetVolumeQuery(from, {})),
        fetchAhead('/api/v1/analytics/monthly-questions', monthlyQuestionsQuery(ANALYTICS_START.month(), {})),
      ]);
    },
  },
  { path: '/clusters', load: chunk.clusters, staff: true },
  { path: '/clusters/:id', load: chunk.cluster, staff: true },
  { path: '/admin', load: chunk.admin, staff: true },
];

/** The listed cases' details in the order the page shows them, four at a time, as `useCaseDetails` reads them. */
async function detailsAhead(items: CaseItem[]): Promise<void> {
  const queue = [...items].sort(byUrgencyAndTimeLeft).slice(0, 100);
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) await fetchCaseDetail(c).catch(() => undefined);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

let preloaded = false;

/**
 * Starts fetching the code of the page at `pathname` (and of the staff layout around it) as the app
 * starts, side by side with the app's own start-up, instead of one chunk after the other as React
 * meets each lazy part; and the page's first API calls, which would otherwise wait for all of it.
 * `/` is the signed-in user's start page. Once per page load.
 */
export function preloadRoute(pathname: string, search: string): void {
  if (preloaded) return;
  preloaded = true;
  const session = currentSession();
  const path = pathname === '/' ? (session ? homeOf(session.user.role) : '/login') : pathname;
  for (const page of EARLY) {
    const match = matchRoute(page.path, path);
    if (!match) continue;
    // A failure shows when React loads it again (the page's error, not an unhandled rejection here).
    void page.load().catch(() => undefined);
    if (!page.staff || !session) return;
    void chunk.layout().catch(() => undefined);
    void loadUnits().catch(() => undefined);
    // A failure here is the page's to show when it asks again.
    Promise.resolve(
      page.data?.({ role: session.user.role, id: match.id, search: new URLSearchParams(search) }),
    ).catch(() => undefined);
    return;
  }
}

/** `/cases/:id` against a path: undefined when it does not match, else its `:id` (if any). */
function matchRoute(pattern: string, path: string): { id?: string } | undefined {
  const want = pattern.split('/');
  const have = path.replace(/\/+$/, '').split('/');
  if (want.length !== have.length) return undefined;
  const found: { id?: string } = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (!have[i]) return undefined;
      if (want[i] === ':id') found.id = have[i];
    } else if (want[i] !== have[i]) return undefined;
  }
  return found;
}
