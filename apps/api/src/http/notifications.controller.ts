import {
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { type Principal } from '@hub/auth';
import { CaseQueries } from '@hub/persistence';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { PageQuery } from './page.query';

export class NotificationQuery extends PageQuery(200) {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  unread: boolean = false;
}

/** 通知 — what the SLA monitor, 督办, 催办 and 重办 told the caller's role (and unit). */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles('staff', 'lead', 'dispatcher', 'supervisor', 'admin')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(@Inject(CaseQueries) private readonly cases: CaseQueries) {}

  @Get()
  async list(@Query() q: NotificationQuery, @CurrentPrincipal() who: Principal) {
    const rows = await this.cases.notifications(who, { unreadOnly: q.unread, limit: q.limit });
    return {
      items: rows.map((n) => ({
        ...n,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
        dueAt: n.dueAt?.toISOString() ?? null,
      })),
    };
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(@Param('id', ParseIntPipe) id: number, @CurrentPrincipal() who: Principal): Promise<void> {
    if (!(await this.cases.markNotificationRead(id, who)))
      throw new NotFoundException(`no notification ${id}`);
  }
}
