import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CASE_SEARCH, type CaseSearch } from '@hub/search';

export class SearchQuery {
  @ApiPropertyOptional({ example: '油烟' })
  @IsString()
  @Length(1, 200)
  q!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  offset: number = 0;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
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
