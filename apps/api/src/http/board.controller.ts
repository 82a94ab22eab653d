import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { type BoardPostAcceptedV1 } from '@hub/contracts';
import { ReceiveMessageUseCase } from '@hub/intake';
import { CaseQueries } from '@hub/persistence';
import { CreateBoardPostDto } from './board-post.dto';
import { BoardRateLimitGuard } from './rate-limiter';
import { Public } from '../auth/auth.decorators';

/** The public policy message board (政策留言板): no login. */
@ApiTags('board (public)')
@Public()
@Controller('api/v1/board/posts')
export class BoardController {
  constructor(
    @Inject(ReceiveMessageUseCase) private readonly receive: ReceiveMessageUseCase,
    @Inject(CaseQueries) private readonly cases: CaseQueries,
  ) {}

  /** 202 for a new post; 200 with the same ids when this postId was received before. */
  @Post()
  @HttpCode(202)
  @UseGuards(BoardRateLimitGuard)
  async post(
    @Body() dto: CreateBoardPostDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BoardPostAcceptedV1> {
    const result = await this.receive.execute({
      channel: 'board',
      externalRef: dto.postId ?? null,
      receivedAt: dto.postedAt ? new Date(dto.postedAt) : null,
      kind: 'consultation',
      urgency: 'normal',
      title: dto.title,
      content: dto.content,
      contact: { name: dto.author?.name, phone: dto.author?.phone, email: dto.author?.email },
      policyDocNo: dto.policyDocNo ?? null,
      address: null,
      street: null,
      sourceDueAt: null,
    });
    if (result.duplicate) res.status(200);
    return {
      messageId: result.messageId,
      caseId: result.caseId,
      trackingCode: result.trackingCode ?? '',
      duplicate: result.duplicate,
    };
  }

  /** The post's status for its author; personal data masked, the answer once approved. */
  @Get(':trackingCode')
  async status(@Param('trackingCode') trackingCode: string) {
    const found = await this.cases.byTrackingCode(trackingCode);
    if (!found) {
      if (await this.cases.messageExists(trackingCode))
        return { trackingCode, status: 'received', title: null, answer: null };
      throw new NotFoundException(`no board post with tracking code ${trackingCode}`);
    }
    const answer = await this.cases.publishedAnswer(found.id);
    return {
      trackingCode,
      status: found.status,
      title: found.title,
      receivedAt: found.receivedAt.toISOString(),
      policyDocNo: found.policyDocNo,
      repliedAt: found.repliedAt?.toISOString() ?? null,
      // 先审查、后公开: only a reply the lead approved is ever shown here.
      answer: answer && { text: answer.text, publishedAt: answer.approvedAt.toISOString() },
    };
  }
}
