import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CASE_SEARCH, type CaseSearch } from '@hub/search';
import { PageQuery } from './page.query';

export class SearchQuery extends PageQuery(100) {
  @ApiPropertyOptional({ example: '油烟' })
  @IsString()
  @Length(1, 200)
  q!: string;
}

/** Full-text search over cases through the search engine (Chinese words and CJK bigrams). */
@ApiTags('search')
@Controller('api/v1/search')
export class SearchController {
  constructor(@Inject(CASE_SEARCH) private readonly search: CaseSearch) {}

  @Get()
  async find(@Query() query: SearchQuery) {
    return this.search.search({ q: query.q, offset: query.offset, limit: query.limit });
  }
}
