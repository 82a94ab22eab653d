import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { parsePortalReferral } from '@hub/contracts';
import {
  IMPORT_JOB_STORE,
  ImportReferralsUseCase,
  type ImportJobStore,
  readReferralFile,
  ReceiveMessageUseCase,
  ReferralFileError,
  referralToIncoming,
} from '@hub/intake';
import { Roles } from '../auth/auth.decorators';

/** Files up to this many rows are imported within the request; larger ones run as a job. */
export const IMPORT_SYNC_MAX_ROWS = 200;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** State Council portal referrals (国务院“互联网+督查”/中国政府网转办): one at a time, or the export file. */
@ApiTags('portal referrals')
@ApiBearerAuth()
@Roles('integration', 'admin')
@Controller('api/v1/portal/referrals')
export class PortalController {
  private readonly log = new Logger(PortalController.name);

  constructor(
    @Inject(ReceiveMessageUseCase) private readonly receive: ReceiveMessageUseCase,
    @Inject(ImportReferralsUseCase) private readonly importer: ImportReferralsUseCase,
    @Inject(IMPORT_JOB_STORE) private readonly jobs: ImportJobStore,
  ) {}

  /** 202 for a new referral; 200 with the same ids when this referralId was received before. */
  @Post()
  @HttpCode(202)
  @ApiBody({
    schema: {
      example: {
        referralId: 'GWY-2026-000123',
        referredAt: '2026-11-28T09:30:00+08:00',
        dueAt: '2026-12-18T17:30:00+08:00',
        title: '关于老旧小区加装电梯补贴的建议',
        content: '……',
        submitter: '李女士',
        phone: '13812345678',
        region: '上海市静安区',
      },
    },
  })
  async refer(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new BadRequestException('the body must be a JSON object');
    const referral = parsePortalReferral(body as Record<string, unknown>);
    const result = await this.receive.execute(referralToIncoming(referral));
    if (result.duplicate) res.status(200);
    return { messageId: result.messageId, caseId: result.caseId, duplicate: result.duplicate };
  }

  /**
   * The portal's export (.xlsx with the headers 转办编号, 转办时间, 办理时限, 标题, 内容, 留言人, 联系电话,
   * 地区; or .jsonl) as multipart field `file`. A small file answers 200 with the per-row report; a
   * larger one answers 202 and runs as a job whose progress `GET …/import/{jobId}` shows.
   */
  @Post('import')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  async import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!file)
      throw new BadRequestException('file is required: send the export as multipart/form-data field "file"');
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    let rows;
    try {
      rows = await readReferralFile(fileName, file.buffer);
    } catch (e) {
      if (e instanceof ReferralFileError) throw new BadRequestException(`file: ${e.message}`);
      throw e;
    }
    const jobId = await this.importer.start(fileName, rows);
    if (rows.length <= IMPORT_SYNC_MAX_ROWS) {
      await this.importer.run(jobId, rows);
      res.status(200);
      return this.jobs.get(jobId);
    }
    this.importer
      .run(jobId, rows)
      .catch((e: unknown) => this.log.error(`import ${jobId} failed: ${String(e)}`));
    res.status(202).location(`/api/v1/portal/referrals/import/${jobId}`);
    return {
      id: jobId,
      status: 'running',
      total: rows.length,
      processed: 0,
      progress: `/api/v1/portal/referrals/import/${jobId}`,
    };
  }

  @Get('import/:jobId')
  async job(@Param('jobId', new ParseUUIDPipe()) jobId: string) {
    const job = await this.jobs.get(jobId);
    if (!job) throw new NotFoundException(`no import job ${jobId}`);
    return job;
  }
}
