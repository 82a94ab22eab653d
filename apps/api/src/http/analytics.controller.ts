import { Controller, ForbiddenException, Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { departmentScope, type Principal } from '@hub/auth';
import { toChinaIso } from '@hub/deadlines';
import {
  type AnalyticsFilter,
  AnalyticsQueries,
  CHANNEL_LABELS,
  HOT_TOPIC_DEFINITIONS,
  type HotTopic,
  type HotTerm,
  MONTHLY_QUESTION_DEFINITIONS,
  type MonthlyQuestion,
  type Period,
  type PublishedAnswer,
  type Rise,
  VOLUME_DEFINITIONS,
} from '@hub/persistence';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { analyticsFileName, analyticsWorkbookBuffer } from './analytics-workbook';
import {
  AnalyticsExportQuery,
  type AnalyticsFilterQuery,
  analyticsMonth,
  checkBuckets,
  HotTopicsQuery,
  MonthlyQuestionsQuery,
  VolumeQuery,
  windowEnd,
} from './analytics.query';
import { metricsPeriod } from './metrics.query';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const period = (p: Period) => ({ from: toChinaIso(p.from), to: toChinaIso(p.to) });

const rise = (r: Rise) => ({
  current: r.current,
  baseline: r.baseline,
  growth: r.growth,
  score: r.score,
  rising: r.rising,
});

const answerView = (a: PublishedAnswer) => ({
  id: a.id,
  departmentCode: a.departmentCode,
  departmentName: a.departmentName,
  publishedAt: toChinaIso(a.publishedAt),
  firstPublishedAt: toChinaIso(a.firstPublishedAt),
});

const hotTopicView = (t: HotTopic, i: number) => ({
  rank: i + 1,
  id: t.id,
  title: t.title,
  keyTerms: t.keyTerms,
  ...rise(t.rise),
  series: t.series,
  byChannel: t.byChannel,
  sharedAnswer: t.sharedAnswer && answerView(t.sharedAnswer),
});

const termView = (t: HotTerm, i: number) => ({
  rank: i + 1,
  term: t.term,
  clusters: t.clusters,
  ...rise(t.rise),
  series: t.series,
});

const monthlyView = (q: MonthlyQuestion) => ({
  rank: q.rank,
  id: q.id,
  title: q.title,
  keyTerms: q.keyTerms,
  count: q.count,
  byChannel: q.byChannel,
  weekly: q.weekly,
  sharedAnswer: q.sharedAnswer && {
    ...answerView(q.sharedAnswer),
    before: q.sharedAnswer.before,
    after: q.sharedAnswer.after,
    afterComplete: q.sharedAnswer.afterComplete,
  },
});

/**
 * What analysts read: recurring questions rising against their own baseline (hot topics) and the
 * key terms rising with them, 每月一题 (the month's most frequent recurring questions and whether they
 * stopped recurring once answered), case volume over time, and the month's workbook. The definitions
 * travel with every answer. District-wide roles see every unit; department staff and leads count
 * their own unit's cases only (asking for another is 403). The integration account reads none of it.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@Roles('analyst', 'supervisor', 'dispatcher', 'admin', 'lead', 'staff')
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(@Inject(AnalyticsQueries) private readonly analytics: AnalyticsQueries) {}

  /** Recurring questions rising against their baseline (current window vs the 4 before), and rising terms. */
  @Get('hot-topics')
  async hotTopics(@Query() q: HotTopicsQuery, @CurrentPrincipal() who: Principal) {
    const f = this.filter(q, who);
    const at = windowEnd(q.at, new Date());
    const r = await this.analytics.hotTopics({ ...f, window: q.window, at, limit: q.limit });
    return {
      window: q.window,
      at: toChinaIso(at),
      ...this.selection(f),
      windows: r.windows.map(period),
      definitions: HOT_TOPIC_DEFINITIONS,
      items: r.items.map(hotTopicView),
      terms: r.terms.map(termView),
    };
  }

  /** 每月一题: the month's most frequent recurring questions, their weekly trend, before/after the answer. */
  @Get('monthly-questions')
  async monthlyQuestions(@Query() q: MonthlyQuestionsQuery, @CurrentPrincipal() who: Principal) {
    const f = this.filter(q, who);
    const asOf = new Date();
    const month = analyticsMonth(q.month, asOf);
    const r = await this.analytics.monthlyQuestions({ ...f, month, asOf, limit: q.limit });
    return {
      month: month.month,
      ...period(month),
      asOf: toChinaIso(asOf),
      ...this.selection(f),
      weeks: r.weeks.map(period),
      definitions: MONTHLY_QUESTION_DEFINITIONS,
      items: r.items.map(monthlyView),
    };
  }

  /** Case volume per channel, unit or street and per day, ISO week or month (for charts and a treemap). */
  @Get('volume')
  async volume(@Query() q: VolumeQuery, @CurrentPrincipal() who: Principal) {
    const f = this.filter(q, who);
    const p = metricsPeriod(q, new Date());
    checkBuckets(p, q.interval);
    const r = await this.analytics.volume({ ...f, ...p, groupBy: q.groupBy, interval: q.interval });
    return {
      ...period(p),
      groupBy: q.groupBy,
      interval: q.interval,
      ...this.selection(f),
      definitions: VOLUME_DEFINITIONS,
      buckets: r.buckets.map((b) => ({ key: b.key, label: b.label, ...period(b) })),
      totals: r.totals,
      total: r.total,
      groups: r.groups,
    };
  }

  /** The month's workbook: 每月一题, 热点问题 and 上升热词 (30-day windows ending with the month), 口径说明. */
  @Get('export.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async export(
    @Query() q: AnalyticsExportQuery,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const f = this.filter(q, who);
    const asOf = new Date();
    const month = analyticsMonth(q.month, asOf);
    const at = new Date(Math.min(month.to.getTime(), asOf.getTime()));
    const [monthly, hot] = await Promise.all([
      this.analytics.monthlyQuestions({ ...f, month, asOf, limit: 20 }),
      this.analytics.hotTopics({ ...f, window: 'month', at, limit: 50 }),
    ]);
    const body = await analyticsWorkbookBuffer({
      month: month.month,
      asOf,
      scope: await this.scopeText(f),
      monthly,
      hot,
      definitions: { ...MONTHLY_QUESTION_DEFINITIONS, ...HOT_TOPIC_DEFINITIONS },
    });
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${analyticsFileName(month.month, f.department)}"`,
    );
    return new StreamableFile(body);
  }

  /**
   * The filters of a request, with the caller's department scope forced: staff and leads get their
   * own unit whether or not they name it, and 403 for naming another.
   */
  private filter(q: AnalyticsFilterQuery, who: Principal): AnalyticsFilter {
    const scope = departmentScope(who);
    if (scope && q.department !== undefined && !scope.includes(q.department)) {
      throw new ForbiddenException(
        `${who.username} sees the analytics of ${scope.join(', ') || 'no unit'} only, not of ${q.department}`,
      );
    }
    return {
      channel: q.channel,
      department: q.department ?? (scope?.length === 1 ? scope[0] : undefined),
      street: q.street,
      departmentScope: scope,
    };
  }

  private selection(f: AnalyticsFilter) {
    return { channel: f.channel ?? null, department: f.department ?? null, street: f.street ?? null };
  }

  /** `全部单位` or `单位：区房管局；渠道：12345热线；街道：曹家渡街道` for the export's 口径说明. */
  private async scopeText(f: AnalyticsFilter): Promise<string> {
    const [unit, street] = await Promise.all([
      f.department ? this.analytics.unitName(f.department) : null,
      f.street ? this.analytics.unitName(f.street) : null,
    ]);
    return [
      f.department ? `单位：${unit ?? f.department}` : '全部单位',
      ...(f.channel ? [`渠道：${CHANNEL_LABELS[f.channel] ?? f.channel}`] : []),
      ...(f.street ? [`街道：${street ?? f.street}`] : []),
    ].join('；');
  }
}
