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
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CASE_READERS, CONTACT_READERS, departmentScope, maySeeDepartment, type Principal } from '@hub/auth';
import { allowedActions, CaseWorkflowUseCase, type WorkflowCommand, WorkflowError } from '@hub/cases';
import { type CaseStatus } from '@hub/contracts';
import { CaseQueries, PgAuditLog, PgSharedAnswerStore } from '@hub/persistence';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { CaseListQuery } from './case-list.query';
import { caseView, replyView, timelineView } from './case.view';
import {
  AssignDto,
  CommentDto,
  DecideExtensionDto,
  MergeDto,
  RejectReplyDto,
  ReopenDto,
  ReplyDto,
  RequestExtensionDto,
  ReturnDto,
  TransferDto,
} from './workflow.dto';

const uuid = new ParseUUIDPipe({ version: undefined });

const stateOf = (c: { id: string; status: string; departmentCode: string | null }) => ({
  id: c.id,
  status: c.status as CaseStatus,
  departmentCode: c.departmentCode,
});

/**
 * Cases: the list, one case with its timeline, reply and deadlines, the audited contact details,
 * and the workflow steps. Department staff and leads see and act on their own unit's cases only:
 * anything else is a 404, as if it did not exist.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Roles(...CASE_READERS)
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    @Inject(CaseQueries) private readonly cases: CaseQueries,
    @Inject(CaseWorkflowUseCase) private readonly workflow: CaseWorkflowUseCase,
    @Inject(PgAuditLog) private readonly audit: PgAuditLog,
    @Inject(PgSharedAnswerStore) private readonly answers: PgSharedAnswerStore,
  ) {}

  @Get()
  async list(@Query() query: CaseListQuery, @CurrentPrincipal() who: Principal) {
    const { items, total } = await this.cases.list({
      ...query,
      dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
      departmentScope: departmentScope(who),
    });
    return {
      items: items.map((c) => ({ ...caseView(c), allowedActions: allowedActions(stateOf(c), who) })),
      total,
      offset: query.offset,
      limit: query.limit,
    };
  }

  @Get(':id')
  async get(@Param('id', uuid) id: string, @CurrentPrincipal() who: Principal) {
    const found = await this.cases.get(id);
    if (!found || !maySeeDepartment(who, found.case.departmentCode))
      throw new NotFoundException(`no case ${id}`);
    const c = found.case;
    const [replies, feedback] = await Promise.all([this.cases.replies(id), this.cases.feedback(id)]);
    return {
      ...caseView(c),
      routing: c.routing,
      deadlines: {
        firstResponseDueAt: c.firstResponseDueAt?.toISOString() ?? null,
        dueAt: c.dueAt?.toISOString() ?? null,
        warnAt: c.warnAt?.toISOString() ?? null,
        computed: c.deadlines,
        extendedDays: c.extendedDays,
        extensionRequest: c.extensionRequest,
      },
      /** The workflow steps the caller may take now (the UI offers these). */
      allowedActions: allowedActions(stateOf(c), who),
      replies: replies.map(replyView),
      feedback,
      timeline: found.timeline.map(timelineView),
    };
  }

  /** The citizen's contact details unmasked, for roles that need them; every view is audited. */
  @Get(':id/contact')
  async contact(@Param('id', uuid) id: string, @CurrentPrincipal() who: Principal) {
    const found = await this.cases.get(id);
    if (!found || !maySeeDepartment(who, found.case.departmentCode))
      throw new NotFoundException(`no case ${id}`);
    if (!CONTACT_READERS.includes(who.role))
      throw new ForbiddenException(`role ${who.role} may not see contact details`);
    const contact = await this.cases.contact(id);
    await this.audit.record({
      occurredAt: new Date().toISOString(),
      actor: who.username,
      role: who.role,
      action: 'personal-data.viewed',
      caseId: id,
      detail: {
        fields: Object.entries(contact ?? {})
          .filter(([, v]) => v !== null)
          .map(([k]) => k),
      },
    });
    return contact ?? { name: null, phone: null, email: null, found: [], address: null };
  }

  /** The audit entries of one case (who did what, who saw the contact details). */
  @Get(':id/audit')
  @Roles('admin', 'supervisor')
  async auditTrail(@Param('id', uuid) id: string) {
    return (await this.audit.forCase(id)).map((a) => ({
      id: a.id,
      occurredAt: a.occurredAt.toISOString(),
      actor: a.actor,
      action: a.action,
      detail: a.entry.detail,
    }));
  }

  /** 派单 — the dispatcher routes (or re-routes, or arbitrates after 退单) the case to a unit. */
  @Post(':id/assign')
  @HttpCode(200)
  assign(@Param('id', uuid) id: string, @Body() b: AssignDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'assign', departmentCode: b.departmentCode, comment: b.comment }, who);
  }

  /** 签收 — the unit takes the case; the first-response clock stops. */
  @Post(':id/accept')
  @HttpCode(200)
  accept(@Param('id', uuid) id: string, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'accept' }, who);
  }

  /** 退单 — back to the dispatcher with a coded reason. */
  @Post(':id/return')
  @HttpCode(200)
  return(@Param('id', uuid) id: string, @Body() b: ReturnDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'return', reasonCode: b.reasonCode, comment: b.comment }, who);
  }

  /** 转办 — to another unit. */
  @Post(':id/transfer')
  @HttpCode(200)
  transfer(@Param('id', uuid) id: string, @Body() b: TransferDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'transfer', departmentCode: b.departmentCode, reason: b.reason }, who);
  }

  /** 催办 — a reminder to the unit. */
  @Post(':id/remind')
  @HttpCode(200)
  remind(@Param('id', uuid) id: string, @Body() b: CommentDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'remind', comment: b.comment }, who);
  }

  /** 督办 — the supervisor takes the case under supervision. */
  @Post(':id/supervise')
  @HttpCode(200)
  supervise(@Param('id', uuid) id: string, @Body() b: CommentDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'supervise', comment: b.comment }, who);
  }

  /** 延期申请 — before the deadline, for a supervisor to decide. */
  @Post(':id/request-extension')
  @HttpCode(200)
  requestExtension(
    @Param('id', uuid) id: string,
    @Body() b: RequestExtensionDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.act(id, { action: 'request-extension', workingDays: b.workingDays, reason: b.reason }, who);
  }

  /** 延期审批 — the supervisor approves (the deadline moves) or refuses. */
  @Post(':id/decide-extension')
  @HttpCode(200)
  decideExtension(
    @Param('id', uuid) id: string,
    @Body() b: DecideExtensionDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.act(id, { action: 'decide-extension', approve: b.approve, comment: b.comment }, who);
  }

  /**
   * 答复 — a reply draft, for the lead's review; nothing is public yet. With `sharedAnswerId` and its
   * text unchanged, the question's approved shared answer goes out at once (`case.replied`).
   */
  @Post(':id/reply')
  @HttpCode(200)
  async reply(@Param('id', uuid) id: string, @Body() b: ReplyDto, @CurrentPrincipal() who: Principal) {
    let preApprovedBy: string | undefined;
    if (b.sharedAnswerId) {
      // The question's shared answer, already approved by the unit's lead: sent as it is, it needs no
      // second review; edited, it goes to review like any draft.
      const shared = (await this.answers.approvedForCase(id)).find((a) => a.id === b.sharedAnswerId);
      if (!shared)
        throw new WorkflowError(
          'invalid',
          `sharedAnswerId: not an approved shared answer of this case's question`,
        );
      if (shared.text === b.text) preApprovedBy = shared.reviewedBy ?? undefined;
    }
    return this.act(
      id,
      { action: 'reply', text: b.text, sharedAnswerId: b.sharedAnswerId, preApprovedBy },
      who,
    );
  }

  /** 审核通过 — the reply is sent: `case.replied` carries its text, the tracking page shows it. */
  @Post(':id/approve-reply')
  @HttpCode(200)
  approveReply(@Param('id', uuid) id: string, @Body() b: CommentDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'approve-reply', comment: b.comment }, who);
  }

  /** 审核退回 — back to the author with comments. */
  @Post(':id/reject-reply')
  @HttpCode(200)
  rejectReply(@Param('id', uuid) id: string, @Body() b: RejectReplyDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'reject-reply', comment: b.comment }, who);
  }

  /** 办结. */
  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id', uuid) id: string, @Body() b: CommentDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'close', comment: b.comment }, who);
  }

  /** 重复件 — merged into another case. */
  @Post(':id/merge')
  @HttpCode(200)
  merge(@Param('id', uuid) id: string, @Body() b: MergeDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'merge', intoCaseId: b.intoCaseId }, who);
  }

  /** 重办 — reopened for re-handling with the re-handling deadline. */
  @Post(':id/reopen')
  @HttpCode(200)
  reopen(@Param('id', uuid) id: string, @Body() b: ReopenDto, @CurrentPrincipal() who: Principal) {
    return this.act(id, { action: 'reopen', reason: b.reason }, who);
  }

  private async act(id: string, cmd: WorkflowCommand, who: Principal) {
    const { event } = await this.workflow.execute(id, cmd, who);
    return {
      caseId: id,
      type: event.type,
      status: event.status,
      departmentCode: event.departmentCode,
      dueAt: event.dueAt,
      version: event.version,
    };
  }
}
