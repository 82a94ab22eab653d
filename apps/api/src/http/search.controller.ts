import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CASE_READERS, departmentScope, type Principal } from '@hub/auth';
import { IsString, Length } from 'class-validator';
import { CASE_SEARCH, type CaseSearch } from '@hub/search';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { PageQuery } from './page.query';

export class SearchQuery extends PageQuery(100) {
  @ApiPropertyOptional({ example: '油烟' })
  @IsString()
  @Length(1, 200)
  q!: string;
}

/** Full-text search over cases through the search engine (Chinese words and CJK bigrams). */
@ApiTags('search')
@ApiBearerAuth()
@Roles(...CASE_READERS)
@Controller('api/v1/search')
export class SearchController {
  constructor(@Inject(CASE_SEARCH) private readonly search: CaseSearch) {}

  @Get()
  async find(@Query() query: SearchQuery, @CurrentPrincipal() who: Principal) {
    return this.search.search({
      q: query.q,
      offset: query.offset,
      limit: query.limit,
      departmentScope: departmentScope(who),
    });
  }
}
