import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { CASE_READERS, type Principal } from '@hub/auth';
import { PgSavedViewStore, type SavedView } from '@hub/persistence';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { MAX_VIEWS_PER_PAGE, SaveViewDto, ViewIdParam, ViewPageQuery } from './saved-view.dto';

function toJson(v: SavedView) {
  return {
    id: v.id,
    page: v.page,
    name: v.name,
    query: v.query,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

/**
 * 保存的视图 — the caller's own saved filter sets of a list page, stored per user so they follow
 * them to another machine. Nobody reads or deletes another user's view (it answers 404).
 */
@ApiTags('me')
@ApiBearerAuth()
@Roles(...CASE_READERS)
@Controller('api/v1/me/views')
export class SavedViewsController {
  constructor(@Inject(PgSavedViewStore) private readonly views: PgSavedViewStore) {}

  @Get()
  async list(@Query() q: ViewPageQuery, @CurrentPrincipal() who: Principal) {
    return { items: (await this.views.list(who.username, q.page)).map(toJson) };
  }

  /** 201 for a new view, 200 when the name existed and its filters were replaced. */
  @Post()
  async save(
    @Body() dto: SaveViewDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const saved = await this.views.save(who.username, dto, MAX_VIEWS_PER_PAGE);
    if (!saved) {
      throw new ConflictException(
        `name: you keep ${MAX_VIEWS_PER_PAGE} saved views of ${dto.page} already; delete one first`,
      );
    }
    res.status(saved.created ? 201 : 200);
    return toJson(saved.view);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param() p: ViewIdParam, @CurrentPrincipal() who: Principal): Promise<void> {
    if (!(await this.views.delete(who.username, p.id))) throw new NotFoundException(`no saved view ${p.id}`);
  }
}
