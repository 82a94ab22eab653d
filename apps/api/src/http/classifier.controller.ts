import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { type Principal } from '@hub/auth';
import {
  type ClassifierTraining,
  PgDirectoryStore,
  PgTriageStore,
  type RegistryActor,
} from '@hub/persistence';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { RegistryErrorFilter } from './admin-errors.filter';
import { type LineProblem, readExampleLines } from './admin-import';
import { TrainModelDto } from './admin.dto';

const MAX_EXAMPLES_BYTES = 20 * 1024 * 1024;

const actorOf = (p: Principal): RegistryActor => ({ username: p.username, role: p.role });

/**
 * Classifier models (admins only): the stored versions with their cross-validated scores,
 * training a new one (a job the triage service runs: the shipped corpus plus every training
 * example, labelled with unit codes), activation and roll-back — triage reads the active version
 * on every case, so both take effect on the next one — and importing training examples.
 */
@ApiTags('classifier')
@ApiBearerAuth()
@Roles('admin')
@UseFilters(RegistryErrorFilter)
@Controller('api/v1/classifier')
export class ClassifierController {
  constructor(
    @Inject(PgTriageStore) private readonly models: PgTriageStore,
    @Inject(PgDirectoryStore) private readonly directory: PgDirectoryStore,
  ) {}

  /** Every model, newest first: version, labels, metrics, trainedOn, active, times — never the model body. */
  @Get('models')
  async list() {
    return { items: await this.models.models() };
  }

  /**
   * Queues training; 202 with the job, whose progress `GET …/training/{id}` shows (about 2 s at
   * the shipped corpus size once the triage service picks it up). 409 while another job is pending.
   */
  @Post('models')
  @HttpCode(202)
  async train(
    @Body() dto: TrainModelDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const job = await this.models.requestTraining(dto.activate ?? false, actorOf(p));
    res.location(`/api/v1/classifier/training/${job.id}`);
    return this.jobView(job);
  }

  /** A training job: queued, running, done (with the model it stored) or failed (with the error). */
  @Get('training/:id')
  async training(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string) {
    const job = await this.models.training(id);
    if (!job) throw new NotFoundException(`no training job ${id}`);
    return this.jobView(job);
  }

  @Post('models/:version/activate')
  @HttpCode(200)
  activate(@Param('version', ParseIntPipe) version: number, @CurrentPrincipal() p: Principal) {
    return this.models.activate(version, actorOf(p));
  }

  /** Re-activates the version the active one replaced; 409 when there is none. */
  @Post('rollback')
  @HttpCode(200)
  async rollback(@CurrentPrincipal() p: Principal) {
    const done = await this.models.rollback(actorOf(p));
    if (!done) throw new ConflictException('no earlier model to roll back to');
    return { active: await this.models.modelSummary(done.version), rolledBackFrom: done.from };
  }

  /**
   * Training examples as JSONL (multipart field `file`), one {id?, title?, content, label} per line;
   * the label is an active unit code. Stored with source `import`; an id imported before is
   * replaced. Answers {lines, accepted, updated, rejected: [{line, problem}]}.
   */
  @Post('examples/import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_EXAMPLES_BYTES, files: 1 } }))
  async importExamples(
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentPrincipal() p: Principal,
  ) {
    if (!file)
      throw new BadRequestException('file is required: send JSONL as multipart/form-data field "file"');
    const { examples, rejected } = readExampleLines(file.buffer.toString('utf8'));
    if (examples.length === 0 && rejected.length === 0) throw new BadRequestException('file: no records');
    const units = await this.directory.unitCodes(true);
    const known = examples.filter((e) => units.has(e.label));
    const unknown: LineProblem[] = examples
      .filter((e) => !units.has(e.label))
      .map((e) => ({ line: e.line, problem: `label ${e.label} is not an active unit in the directory` }));
    const counts = known.length
      ? await this.models.importExamples(known, actorOf(p))
      : { accepted: 0, updated: 0 };
    return {
      lines: examples.length + rejected.length,
      ...counts,
      rejected: [...rejected, ...unknown].sort((a, b) => a.line - b.line),
    };
  }

  private async jobView(job: ClassifierTraining) {
    return {
      ...job,
      model: job.version === null ? null : await this.models.modelSummary(job.version),
      progress: `/api/v1/classifier/training/${job.id}`,
    };
  }
}
