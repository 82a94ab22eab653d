import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type Principal } from '@hub/auth';
import {
  DirectoryDictionary,
  PgDirectoryStore,
  type ImportProblem,
  type RegistryActor,
} from '@hub/persistence';
import { canonicalDocNumber } from '@hub/text';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { RegistryErrorFilter } from './admin-errors.filter';
import { ImportFileError, readDirectoryFile } from './admin-import';
import {
  CreatePolicyDto,
  CreateUnitDto,
  PolicyListQuery,
  UnitListQuery,
  UpdatePolicyDto,
  UpdateUnitDto,
} from './admin.dto';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const SECTION_ORDER = { departments: 0, streets: 1, policies: 2 } as const;

const actorOf = (p: Principal): RegistryActor => ({ username: p.username, role: p.role });

/**
 * The unit directory: departments (委办局) and street offices (街道办事处/镇). Every role reads it;
 * admins add, change and deactivate units (never delete) and import a whole directory file.
 * Triage sees changes within its directory cache time (TRIAGE_DIRECTORY_TTL_MS, a minute).
 */
@ApiTags('directory')
@ApiBearerAuth()
@UseFilters(RegistryErrorFilter)
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(
    @Inject(PgDirectoryStore) private readonly directory: PgDirectoryStore,
    @Inject(DirectoryDictionary) private readonly dictionary: DirectoryDictionary,
  ) {}

  @Get('units')
  async units(@Query() query: UnitListQuery) {
    const items = await this.directory.listUnits(query);
    return { items, total: items.length };
  }

  @Get('units/:code')
  async unit(@Param('code') code: string) {
    const unit = await this.directory.getUnit(code);
    if (!unit) throw new NotFoundException(`no unit ${code}`);
    return unit;
  }

  /** 201 with the unit; 409 when the code exists. */
  @Post('units')
  @Roles('admin')
  async createUnit(@Body() dto: CreateUnitDto, @CurrentPrincipal() p: Principal) {
    const { code, ...fields } = dto;
    const unit = await this.directory.createUnit(code, fields, actorOf(p));
    this.dictionary.refresh();
    return unit;
  }

  /** Changes the fields given; `{"active": false}` deactivates (409 while the unit drafts policies). */
  @Put('units/:code')
  @Roles('admin')
  async updateUnit(
    @Param('code') code: string,
    @Body() dto: UpdateUnitDto,
    @CurrentPrincipal() p: Principal,
  ) {
    const unit = await this.directory.updateUnit(code, dto, actorOf(p));
    this.dictionary.refresh();
    return unit;
  }

  /**
   * A directory in the shape of deploy/seed/jingan-directory.json ({departments, streets,
   * policies}), as the JSON body or as multipart field `file`. Units are upserted by code, then
   * policies by 文号; the answer reports every row: {rows, accepted, updated, rejected: [{section,
   * row, field, problem}]} (row numbers count from 1 within the section).
   */
  @Post('import')
  @Roles('admin')
  @HttpCode(200)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      example: {
        departments: [
          { code: 'housing', name: '区住房保障和房屋管理局', nameEn: 'Housing Bureau', duties: '物业管理' },
        ],
        streets: [{ code: 'caojiadu', name: '曹家渡街道', communities: ['三和居委会'] }],
        policies: [
          { docNo: '静府办发〔2026〕4号', title: '……', drafter: 'gov-office', issuedOn: '2026-04-30' },
        ],
      },
    },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  async import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
  ) {
    let json: unknown = body;
    if (file) {
      try {
        json = JSON.parse(file.buffer.toString('utf8'));
      } catch (e) {
        throw new BadRequestException(`file: not JSON (${(e as Error).message})`);
      }
    }
    let parsed;
    try {
      parsed = readDirectoryFile(json);
    } catch (e) {
      if (e instanceof ImportFileError)
        throw new BadRequestException(`${file ? 'file' : 'body'}: ${e.message}`);
      throw e;
    }
    const report = await this.directory.importDirectory(parsed.units, parsed.policies, actorOf(p));
    this.dictionary.refresh();
    const rejected: ImportProblem[] = [...parsed.rejected, ...report.rejected].sort(
      (a, b) => SECTION_ORDER[a.section] - SECTION_ORDER[b.section] || a.row - b.row,
    );
    return { rows: parsed.rows, accepted: report.accepted, updated: report.updated, rejected };
  }
}

/**
 * The policy registry: each policy's 文号 (canonical), title, drafting unit and matching 一网通办
 * service items. A message citing a registered 文号 is routed to the drafter (policy rule).
 */
@ApiTags('policies')
@ApiBearerAuth()
@UseFilters(RegistryErrorFilter)
@Controller('api/v1/policies')
export class PoliciesController {
  constructor(
    @Inject(PgDirectoryStore) private readonly directory: PgDirectoryStore,
    @Inject(DirectoryDictionary) private readonly dictionary: DirectoryDictionary,
  ) {}

  /** `q` matches part of the 文号 (any spelling of a whole 文号 too) or of the title. */
  @Get()
  async list(@Query() query: PolicyListQuery) {
    const q = query.q?.trim() ? (canonicalDocNumber(query.q) ?? query.q.trim()) : undefined;
    const { items, total } = await this.directory.listPolicies({ ...query, q });
    return { items, total, offset: query.offset, limit: query.limit };
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string) {
    const policy = await this.directory.getPolicy(id);
    if (!policy) throw new NotFoundException(`no policy ${id}`);
    return policy;
  }

  /** 201 with the policy; 409 when the 文号 is registered; 400 when the drafter is not an active unit. */
  @Post()
  @Roles('admin')
  async create(@Body() dto: CreatePolicyDto, @CurrentPrincipal() p: Principal) {
    const policy = await this.directory.createPolicy(dto, actorOf(p));
    this.dictionary.refresh();
    return policy;
  }

  /** Changes the fields given. */
  @Put(':id')
  @Roles('admin')
  async update(
    @Param('id', new ParseUUIDPipe({ version: undefined })) id: string,
    @Body() dto: UpdatePolicyDto,
    @CurrentPrincipal() p: Principal,
  ) {
    const policy = await this.directory.updatePolicy(id, dto, actorOf(p));
    this.dictionary.refresh();
    return policy;
  }
}
