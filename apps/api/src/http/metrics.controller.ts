import { Controller, ForbiddenException, Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { departmentScope, type Principal } from '@hub/auth';
import { toChinaIso } from '@hub/deadlines';
import {
  METRIC_DEFINITIONS,
  type MetricsCaseRow,
  type MetricsFilter,
  MetricsQueries,
} from '@hub/persistence';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { metricsFileName, metricsWorkbookBuffer } from './metrics-workbook';
import {
  MetricsCasesQuery,
  MetricsExportQuery,
  type MetricsFilterQuery,
  metricsPeriod,
  MetricsQuery,
} from './metrics.query';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function caseRowView(c: MetricsCaseRow) {
  return {
    id: c.id,
    channel: c.channel,
    externalRef: c.externalRef,
    departmentCode: c.departmentCode,
    status: c.status,
    receivedAt: c.receivedAt.toISOString(),
    firstResponseDueAt: c.firstResponseDueAt?.toISOString() ?? null,
    dueAt: c.dueAt?.toISOString() ?? null,
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    repliedAt: c.repliedAt?.toISOString() ?? null,
    title: c.title,
  };
}

/**
 * The measures supervisors are judged by (三率: 响应率, 解决率, 满意率; plus 按期办结率, handling time,
 * breaches, open and overdue cases, extensions, 重办) per department, channel, month or week; the
 * cases behind each number; the annual-report workbook. The definitions travel with every answer.
 * District-wide roles see every unit; department staff and leads always see their own unit only
 * (asking for another is 403). The integration account reads none of it.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@Roles('supervisor', 'analyst', 'admin', 'dispatcher', 'lead', 'staff')
@Controller('api/v1/metrics')
export class MetricsController {
  constructor(@Inject(MetricsQueries) private readonly metrics: MetricsQueries) {}

  @Get()
  async summary(@Query() q: MetricsQuery, @CurrentPrincipal() who: Principal) {
    const f = this.filter(q, who);
    const { total, groups } = await this.metrics.report(q.groupBy, f);
    return {
      ...this.selection(f),
      groupBy: q.groupBy,
      definitions: METRIC_DEFINITIONS,
      total,
      groups,
    };
  }

  /** The cases behind one number, newest first: `measure` and, for a rate, `outcome` met or missed. */
  @Get('cases')
  async cases(@Query() q: MetricsCasesQuery, @CurrentPrincipal() who: Principal) {
    const f = this.filter(q, who);
    const { items, total } = await this.metrics.cases({
      ...f,
      measure: q.measure,
      outcome: q.outcome,
      offset: q.offset,
      limit: q.limit,
    });
    return {
      ...this.selection(f),
      measure: q.measure,
      outcome: q.outcome ?? null,
      items: items.map(caseRowView),
      total,
      offset: q.offset,
      limit: q.limit,
    };
  }

  /** The annual-report workbook: 按部门, 按渠道, 按月 and 口径说明. */
  @Get('export.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async export(
    @Query() q: MetricsExportQuery,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const f = this.filter(q, who);
    const [byDepartment, byChannel, byMonth] = await Promise.all([
      this.metrics.report('department', f),
      this.metrics.report('channel', f),
      this.metrics.report('month', f),
    ]);
    const unit = f.department ? byDepartment.groups.find((g) => g.key === f.department)?.label : undefined;
    const scope = [
      f.department ? `单位：${unit ?? f.department}` : '全部单位',
      ...(f.channel ? [`渠道：${byChannel.groups[0]?.label ?? f.channel}`] : []),
    ].join('；');
    const body = await metricsWorkbookBuffer({
      from: f.from,
      to: f.to,
      asOf: f.asOf,
      scope,
      definitions: METRIC_DEFINITIONS,
      sheets: [
        { name: '按部门', unitHeader: '单位', report: byDepartment },
        { name: '按渠道', unitHeader: '渠道', report: byChannel },
        { name: '按月', unitHeader: '月份', report: byMonth },
      ],
    });
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${metricsFileName(f.from, f.to, f.department)}"`,
    );
    return new StreamableFile(body);
  }

  /**
   * The period and filters of a request, with the caller's department scope forced: staff and
   * leads get their own unit whether or not they name it, and 403 for naming another.
   */
  private filter(q: MetricsFilterQuery, who: Principal): MetricsFilter {
    const scope = departmentScope(who);
    if (scope && q.department !== undefined && !scope.includes(q.department)) {
      throw new ForbiddenException(
        `${who.username} sees the measures of ${scope.join(', ') || 'no unit'} only, not of ${q.department}`,
      );
    }
    const now = new Date();
    return {
      ...metricsPeriod(q, now),
      asOf: now,
      channel: q.channel,
      department: q.department ?? (scope?.length === 1 ? scope[0] : undefined),
      departmentScope: scope,
    };
  }

  private selection(f: MetricsFilter) {
    return {
      from: toChinaIso(f.from),
      to: toChinaIso(f.to),
      asOf: toChinaIso(f.asOf),
      channel: f.channel ?? null,
      department: f.department ?? null,
    };
  }
}
