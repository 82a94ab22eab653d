import {
  type ArgumentsHost,
  Body,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  HttpCode,
  HttpException,
  Inject,
  Param,
  Post,
  Query,
  UseFilters,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { InvalidMessageError } from '@hub/contracts';
import { findOpen311Service, OPEN311_SERVICES, ReceiveMessageUseCase } from '@hub/intake';
import { CaseQueries, type Open311Row } from '@hub/persistence';
import { ApiConfig } from '../api.config';
import { Public } from '../auth/auth.decorators';

type Open311Error = { code: number; description: string };

/** GeoReport v2 errors are arrays of `{ code, description }`, whatever went wrong. */
@Catch()
class Open311ErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let body: Open311Error[];
    let status: number;
    if (error instanceof InvalidMessageError) {
      status = 400;
      body = error.problems.map((p) => ({ code: 400, description: `${p.field} ${p.problem}` }));
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      const r = error.getResponse();
      const message = typeof r === 'string' ? r : (r as { message?: string | string[] }).message;
      body = (Array.isArray(message) ? message : [message ?? error.message]).map((m) => ({
        code: status,
        description: String(m),
      }));
    } else {
      status = 500;
      body = [{ code: 500, description: 'internal error' }];
    }
    res.status(status).json(body);
  }
}

const CLOSED = new Set(['closed', 'merged']);
const DEFAULT_WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;

function text(v: unknown, field: string, max: number): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw new InvalidMessageError([{ field, problem: 'must be text' }]);
  if (v.length > max)
    throw new InvalidMessageError([{ field, problem: `must have at most ${max} characters` }]);
  return v;
}

function coordinate(v: unknown, field: string, min: number, max: number): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new InvalidMessageError([{ field, problem: `must be a number between ${min} and ${max}` }]);
  return n;
}

function toRequest(c: Open311Row) {
  const service = c.serviceCode ? findOpen311Service(c.serviceCode) : undefined;
  return {
    service_request_id: c.id,
    status: CLOSED.has(c.status) ? 'closed' : 'open',
    status_notes: c.status,
    service_name: service?.service_name ?? null,
    service_code: c.serviceCode,
    description: c.content,
    agency_responsible: c.departmentCode,
    service_notice: null,
    requested_datetime: c.receivedAt.toISOString(),
    updated_datetime: c.updatedAt.toISOString(),
    expected_datetime: c.dueAt?.toISOString() ?? null,
    address: null,
    lat: c.latitude,
    long: c.longitude,
    media_url: null,
  };
}

/**
 * Open311 GeoReport v2 (JSON) on the same pipeline as every channel, so civic-tech clients work
 * unchanged: `services.json`, `requests.json` (POST with `api_key`, GET with filters) and
 * `requests/{id}.json`. Descriptions are masked; only requests filed through Open311 are listed.
 */
@ApiTags('open311')
@Public()
@Controller('open311/v2')
@UseFilters(Open311ErrorFilter)
export class Open311Controller {
  constructor(
    @Inject(ReceiveMessageUseCase) private readonly receive: ReceiveMessageUseCase,
    @Inject(CaseQueries) private readonly cases: CaseQueries,
    @Inject(ApiConfig) private readonly config: ApiConfig,
  ) {}

  @Get('services.json')
  services() {
    return OPEN311_SERVICES;
  }

  @Post('requests.json')
  @HttpCode(201)
  async create(@Body() body: Record<string, unknown>) {
    const key = typeof body.api_key === 'string' ? body.api_key : '';
    if (!this.config.open311ApiKeys.includes(key))
      throw new HttpException('api_key is missing or not valid', 403);
    const code = text(body.service_code, 'service_code', 100);
    if (!code) throw new InvalidMessageError([{ field: 'service_code', problem: 'is required' }]);
    if (!findOpen311Service(code))
      throw new HttpException(`service_code "${code}" is not a known service (see services.json)`, 404);
    const lat = coordinate(body.lat, 'lat', -90, 90);
    const long = coordinate(body.long, 'long', -180, 180);
    const address = text(body.address_string, 'address_string', 500);
    const addressId = text(body.address_id, 'address_id', 100);
    if ((lat === null) !== (long === null))
      throw new InvalidMessageError([{ field: 'lat/long', problem: 'must be given together' }]);
    if (lat === null && !address && !addressId) {
      throw new InvalidMessageError([
        { field: 'location', problem: 'lat and long, address_string or address_id is required' },
      ]);
    }
    const description = text(body.description, 'description', 4000);
    if (!description) throw new InvalidMessageError([{ field: 'description', problem: 'is required' }]);
    const name = [text(body.last_name, 'last_name', 50), text(body.first_name, 'first_name', 50)]
      .filter(Boolean)
      .join('');
    const result = await this.receive.execute({
      channel: 'open311',
      externalRef: null,
      receivedAt: null,
      kind: null,
      urgency: 'normal',
      title: findOpen311Service(code)?.service_name ?? null,
      content: description,
      contact: {
        name: name || null,
        phone: text(body.phone, 'phone', 40),
        email: text(body.email, 'email', 200),
      },
      policyDocNo: null,
      address: address ?? addressId,
      street: null,
      sourceDueAt: null,
      location: lat !== null && long !== null ? { latitude: lat, longitude: long } : null,
      serviceCode: code,
    });
    return [{ service_request_id: result.caseId, service_notice: '已受理 received', account_id: null }];
  }

  @Get('requests.json')
  async list(@Query() q: Record<string, unknown>) {
    const ids = text(q.service_request_id, 'service_request_id', 10000)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const end = this.date(q.end_date, 'end_date') ?? new Date();
    const start =
      this.date(q.start_date, 'start_date') ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86400_000);
    const statuses = text(q.status, 'status', 20)?.split(',');
    if (statuses?.some((s) => s !== 'open' && s !== 'closed'))
      throw new InvalidMessageError([{ field: 'status', problem: 'must be open, closed or both' }]);
    const found = await this.cases.listOpen311({
      ids: ids?.filter((id) => /^[0-9a-f-]{36}$/i.test(id)),
      serviceCodes: text(q.service_code, 'service_code', 1000)?.split(','),
      from: ids ? undefined : start,
      to: ids ? undefined : end,
      limit: MAX_RESULTS,
    });
    return found.map(toRequest).filter((r) => !statuses || statuses.includes(r.status));
  }

  @Get('requests/:id.json')
  async one(@Param('id') id: string) {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.cases.listOpen311({ ids: [id], limit: 1 }) : [];
    if (found.length === 0) throw new HttpException(`no service request ${id}`, 404);
    return found.map(toRequest);
  }

  private date(v: unknown, field: string): Date | null {
    const s = text(v, field, 40);
    if (s === null) return null;
    const t = Date.parse(s);
    if (Number.isNaN(t))
      throw new InvalidMessageError([
        { field, problem: 'must be a W3C date-time such as 2026-11-28T09:30:00+08:00' },
      ]);
    return new Date(t);
  }
}
