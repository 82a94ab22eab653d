import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CaseQueries } from '@hub/persistence';
import { CaseListQuery } from './case-list.query';
import { caseView, timelineView } from './case.view';

/** Cases: the list with its filters, and one case with its timeline. */
@ApiTags('cases')
@Controller('api/v1/cases')
export class CasesController {
  constructor(@Inject(CaseQueries) private readonly cases: CaseQueries) {}

  @Get()
  async list(@Query() query: CaseListQuery) {
    const { items, total } = await this.cases.list({
      ...query,
      dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
    });
    return { items: items.map(caseView), total, offset: query.offset, limit: query.limit };
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string) {
    const found = await this.cases.get(id);
    if (!found) throw new NotFoundException(`no case ${id}`);
    return {
      ...caseView(found.case),
      routing: found.case.routing,
      deadlines: { dueAt: found.case.dueAt?.toISOString() ?? null },
      timeline: found.timeline.map(timelineView),
    };
  }
}
