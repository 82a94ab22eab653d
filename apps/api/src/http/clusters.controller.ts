import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CASE_READERS, departmentScope, maySeeDepartment, type Principal } from '@hub/auth';
import { CaseWorkflowUseCase, WorkflowError } from '@hub/cases';
import { CaseQueries, PgClusterStore, PgSharedAnswerStore, type SharedAnswerRow } from '@hub/persistence';
import { CASE_SEARCH, type CaseSearch } from '@hub/search';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators';
import {
  ClusterListQuery,
  DraftSharedAnswerDto,
  MergeClusterDto,
  MoveCasesDto,
  NotDuplicateDto,
  RenameClusterDto,
  SharedAnswerListQuery,
} from './clusters.dto';
import { CommentDto, RejectReplyDto } from './workflow.dto';

const uuid = new ParseUUIDPipe({ version: undefined });

function answerView<T extends SharedAnswerRow>(a: T) {
  return {
    ...a,
    draftedAt: a.draftedAt.toISOString(),
    reviewedAt: a.reviewedAt?.toISOString() ?? null,
  };
}

/**
 * Recurring questions (共性问题): clusters across channels, their management by staff (rename, merge,
 * split, move, not-a-duplicate) and shared answers (统一回应) with review, bulk reply and the public FAQ.
 * Staff and leads see a cluster's members from their own unit only and act on their own cases.
 */
@ApiTags('recurring questions')
@ApiBearerAuth()
@Roles(...CASE_READERS)
@Controller()
export class ClustersController {
  constructor(
    @Inject(PgClusterStore) private readonly clusters: PgClusterStore,
    @Inject(PgSharedAnswerStore) private readonly answers: PgSharedAnswerStore,
    @Inject(CaseQueries) private readonly cases: CaseQueries,
    @Inject(CaseWorkflowUseCase) private readonly workflow: CaseWorkflowUseCase,
    @Inject(CASE_SEARCH) private readonly search: CaseSearch,
  ) {}

  @Get('api/v1/clusters')
  async list(@Query() q: ClusterListQuery, @CurrentPrincipal() who: Principal) {
    const { items, total } = await this.clusters.list({ ...q, scope: departmentScope(who) });
    return {
      items: items.map((c) => ({ ...c, firstAt: c.firstAt.toISOString(), lastAt: c.lastAt.toISOString() })),
      total,
      offset: q.offset,
      limit: q.limit,
    };
  }

  @Get('api/v1/clusters/:id')
  async get(@Param('id', uuid) id: string, @CurrentPrincipal() who: Principal) {
    const scope = departmentScope(who);
    const cluster = await this.clusters.get(id, scope);
    if (!cluster || (scope && cluster.members.length === 0)) throw new NotFoundException(`no cluster ${id}`);
    const answers = (await this.answers.forCluster(id)).filter(
      (a) => maySeeDepartment(who, a.departmentCode) || a.status === 'approved',
    );
    return {
      ...cluster,
      firstAt: cluster.firstAt.toISOString(),
      lastAt: cluster.lastAt.toISOString(),
      members: cluster.members.map((m) => ({ ...m, receivedAt: m.receivedAt.toISOString() })),
      sharedAnswers: answers.map(answerView),
    };
  }

  @Patch('api/v1/clusters/:id')
  @Roles('dispatcher', 'admin', 'lead')
  async rename(
    @Param('id', uuid) id: string,
    @Body() b: RenameClusterDto,
    @CurrentPrincipal() who: Principal,
  ) {
    await this.visible(id, who);
    await this.clusters.rename(id, b.title, who);
    return { id, title: b.title };
  }

  /** 合并 two clusters that ask the same thing. */
  @Post('api/v1/clusters/:id/merge')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  async merge(@Param('id', uuid) id: string, @Body() b: MergeClusterDto, @CurrentPrincipal() who: Principal) {
    await this.clusters.merge(id, b.intoClusterId, who);
    return { id, mergedInto: b.intoClusterId };
  }

  /** 拆分: the given member cases leave for a new cluster. */
  @Post('api/v1/clusters/:id/split')
  @HttpCode(200)
  @Roles('dispatcher', 'admin', 'staff', 'lead')
  async split(@Param('id', uuid) id: string, @Body() b: MoveCasesDto, @CurrentPrincipal() who: Principal) {
    await this.ownCases(b.caseIds, who, id);
    return { clusterId: await this.clusters.move(b.caseIds, null, who, b.title) };
  }

  /** 移动: the given cases join this cluster. */
  @Post('api/v1/clusters/:id/members')
  @HttpCode(200)
  @Roles('dispatcher', 'admin', 'staff', 'lead')
  async move(@Param('id', uuid) id: string, @Body() b: MoveCasesDto, @CurrentPrincipal() who: Principal) {
    await this.ownCases(b.caseIds, who);
    return { clusterId: await this.clusters.move(b.caseIds, id, who) };
  }

  /** 非重复: this case is not the same question as another; remembered for every later placement. */
  @Post('api/v1/cases/:id/not-duplicate')
  @HttpCode(200)
  @Roles('dispatcher', 'admin', 'staff', 'lead')
  async notDuplicate(
    @Param('id', uuid) id: string,
    @Body() b: NotDuplicateDto,
    @CurrentPrincipal() who: Principal,
  ) {
    await this.ownCases([id], who);
    return {
      caseId: id,
      clusterId:
        (await this.clusters.separate(id, b.otherCaseId, who)) ?? (await this.clusters.clusterOfCase(id)),
    };
  }

  /** A unit drafts one answer for the question; its lead reviews it before anything is public. */
  @Post('api/v1/clusters/:id/shared-answers')
  @Roles('staff', 'lead')
  async draft(
    @Param('id', uuid) id: string,
    @Body() b: DraftSharedAnswerDto,
    @CurrentPrincipal() who: Principal,
  ) {
    await this.visible(id, who);
    const answerId = await this.answers.draft(
      {
        clusterId: id,
        departmentCode: who.departmentCode ?? '',
        text: b.text,
        policyId: b.policyId ?? null,
        serviceItem: b.serviceItem ?? null,
      },
      who,
    );
    return answerView((await this.answers.get(answerId))!);
  }

  /**
   * Shared answers by status across questions — `?status=pending` is what waits for 审核. Leads
   * (and staff) see their own unit's; admins and supervisors every unit's.
   */
  @Get('api/v1/shared-answers')
  @Roles('lead', 'staff', 'admin', 'supervisor')
  async listAnswers(@Query() q: SharedAnswerListQuery, @CurrentPrincipal() who: Principal) {
    const { items, total } = await this.answers.list({ ...q, scope: departmentScope(who) });
    return { items: items.map(answerView), total, offset: q.offset, limit: q.limit };
  }

  /** 审核通过: published on the board's FAQ and offered on every member case of the unit. */
  @Post('api/v1/shared-answers/:id/approve')
  @HttpCode(200)
  @Roles('lead', 'admin')
  async approve(@Param('id', uuid) id: string, @Body() b: CommentDto, @CurrentPrincipal() who: Principal) {
    await this.ownAnswer(id, who);
    return answerView(await this.answers.review(id, true, b.comment ?? null, who));
  }

  @Post('api/v1/shared-answers/:id/reject')
  @HttpCode(200)
  @Roles('lead', 'admin')
  async reject(@Param('id', uuid) id: string, @Body() b: RejectReplyDto, @CurrentPrincipal() who: Principal) {
    await this.ownAnswer(id, who);
    return answerView(await this.answers.review(id, false, b.comment, who));
  }

  /**
   * Bulk: every open member case of the unit is answered with the approved shared answer, each
   * through its own workflow (签收 first where needed; the reply goes out as already reviewed).
   */
  @Post('api/v1/shared-answers/:id/reply-all')
  @HttpCode(200)
  @Roles('staff', 'lead')
  async replyAll(@Param('id', uuid) id: string, @CurrentPrincipal() who: Principal) {
    const answer = await this.ownAnswer(id, who);
    if (answer.status !== 'approved')
      throw new WorkflowError('conflict', `shared answer ${id} is ${answer.status}, not approved`);
    const results: { caseId: string; status: string; error?: string }[] = [];
    for (const m of await this.answers.openMembers(id)) {
      try {
        if (m.status === 'assigned') await this.workflow.execute(m.caseId, { action: 'accept' }, who);
        const { event } = await this.workflow.execute(
          m.caseId,
          {
            action: 'reply',
            text: answer.text,
            sharedAnswerId: id,
            preApprovedBy: answer.reviewedBy ?? undefined,
          },
          who,
        );
        results.push({ caseId: m.caseId, status: event.status });
      } catch (e) {
        if (!(e instanceof WorkflowError)) throw e;
        results.push({ caseId: m.caseId, status: m.status, error: e.message });
      }
    }
    return {
      sharedAnswerId: id,
      replied: results.filter((r) => !r.error).length,
      failed: results.filter((r) => r.error).length,
      results,
    };
  }

  /** While answering: the question's approved shared answers and similar answered cases with their replies. */
  @Get('api/v1/cases/:id/suggestions')
  async suggestions(@Param('id', uuid) id: string, @CurrentPrincipal() who: Principal) {
    const found = await this.cases.get(id);
    if (!found || !maySeeDepartment(who, found.case.departmentCode))
      throw new NotFoundException(`no case ${id}`);
    const c = found.case;
    const [shared, clusterId, similar] = await Promise.all([
      this.answers.approvedForCase(id),
      this.clusters.clusterOfCase(id),
      this.search.similarAnswered({
        text: `${c.title ?? ''} ${c.content}`,
        excludeId: id,
        departmentScope: departmentScope(who),
        limit: 5,
      }),
    ]);
    const replies = await Promise.all(similar.map((s) => this.cases.publishedAnswer(s.id)));
    return {
      clusterId,
      sharedAnswers: shared.map(answerView),
      similarCases: similar
        .map((s, i) => ({ ...s, reply: replies[i]?.text ?? null }))
        .filter((s) => s.reply !== null),
    };
  }

  private async visible(clusterId: string, who: Principal): Promise<void> {
    const scope = departmentScope(who);
    const cluster = await this.clusters.get(clusterId, scope);
    if (!cluster || (scope && cluster.members.length === 0))
      throw new NotFoundException(`no cluster ${clusterId}`);
  }

  /** Staff and leads act on their own unit's cases only (another unit's: 404 as elsewhere). */
  private async ownCases(caseIds: string[], who: Principal, inCluster?: string): Promise<void> {
    const clusters = await this.clusters.clustersOf(caseIds);
    for (const id of caseIds) {
      const found = await this.cases.get(id);
      if (!found || !maySeeDepartment(who, found.case.departmentCode))
        throw new NotFoundException(`no case ${id}`);
      if (inCluster && clusters.get(id) !== inCluster)
        throw new WorkflowError('invalid', `caseIds: case ${id} is not in cluster ${inCluster}`);
    }
  }

  private async ownAnswer(id: string, who: Principal): Promise<SharedAnswerRow> {
    const answer = await this.answers.get(id);
    if (!answer) throw new NotFoundException(`no shared answer ${id}`);
    if (!maySeeDepartment(who, answer.departmentCode))
      throw new ForbiddenException(`shared answer ${id} belongs to ${answer.departmentCode}`);
    return answer;
  }
}

/** 常见问题: the approved shared answers, public on the message board. */
@ApiTags('board (public)')
@Public()
@Controller('api/v1/board/faq')
export class BoardFaqController {
  constructor(@Inject(PgSharedAnswerStore) private readonly answers: PgSharedAnswerStore) {}

  @Get()
  async faq() {
    const items = await this.answers.faq(100);
    return { items: items.map((f) => ({ ...f, publishedAt: f.publishedAt.toISOString() })) };
  }
}
