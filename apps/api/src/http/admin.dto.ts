import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { canonicalDocNumber, normalizeText } from '@hub/text';
import { PageQuery } from './page.query';

/** Unit codes: a lower-case letter, then 1–40 lower-case letters, digits or "-" (e.g. housing, pengpu-town). */
export const UNIT_CODE = /^[a-z][a-z0-9-]{1,40}$/;
const UNIT_CODE_MESSAGE = (field: string) =>
  `${field} must be a unit code: a lower-case letter, then 1–40 lower-case letters, digits or "-"`;
export const UNIT_KINDS = ['department', 'street'] as const;

/** Trims and normalises text fields (full-width letters, stray spaces) before they are checked. */
const Normalised = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value) : value));
const NormalisedEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? (value as unknown[]).map((v) => (typeof v === 'string' ? normalizeText(v) : v))
      : value,
  );

/** A 文号 in any usual spelling becomes canonical (静府办发［2026］第04号 → 静府办发〔2026〕4号) or stays to be refused. */
const CanonicalDocNo = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (canonicalDocNumber(value) ?? value) : value,
  );

function IsDocNumber() {
  return ValidateBy({
    name: 'isDocNumber',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && canonicalDocNumber(v) === v,
      defaultMessage: () => 'docNo must be a document number (文号) such as 静府办发〔2026〕4号',
    },
  });
}

/** `true`/`false` in a query string. */
const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export class CreateUnitDto {
  @ApiProperty({ example: 'housing', pattern: UNIT_CODE.source })
  @IsString()
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE('code') })
  code!: string;

  @ApiProperty({ enum: UNIT_KINDS, description: 'department (委办局) or street (街道办事处/镇)' })
  @IsIn(UNIT_KINDS, { message: 'kind must be department or street' })
  kind!: (typeof UNIT_KINDS)[number];

  @ApiProperty({ example: '区住房保障和房屋管理局' })
  @Normalised()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Housing Administration Bureau' })
  @IsOptional()
  @Normalised()
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  @ApiPropertyOptional({ example: '物业管理, 旧房改造, 加装电梯', description: 'What the unit handles' })
  @IsOptional()
  @Normalised()
  @IsString()
  @MaxLength(2000)
  duties?: string;

  @ApiPropertyOptional({
    example: ['彭三小区居委会'],
    description: "A street office's communities (居委会): kept whole by the segmenter",
  })
  @IsOptional()
  @NormalisedEach()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  communities?: string[];

  @ApiPropertyOptional({ default: true, description: 'false deactivates (units are never deleted)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** `PUT /api/v1/directory/units/{code}`: the fields given are changed, the others kept. */
export class UpdateUnitDto extends PartialType(OmitType(CreateUnitDto, ['code'] as const)) {}

export class UnitListQuery {
  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS, { message: 'kind must be department or street' })
  kind?: (typeof UNIT_KINDS)[number];

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

/** A matching service item on 一网通办 (Shanghai's online government service portal). */
export class ServiceItemDto {
  @ApiProperty({ example: '既有多层住宅加装电梯审批' })
  @Normalised()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'https://zwdt.sh.gov.cn/govPortals/bsfw/item/0000' })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  url!: string;
}

export class CreatePolicyDto {
  @ApiProperty({ example: '静府办发〔2026〕4号', description: '文号; stored in canonical form' })
  @CanonicalDocNo()
  @IsDocNumber()
  docNo!: string;

  @ApiProperty({ example: '关于印发《静安区加强政策公开全面提升政务透明度工作方案》的通知' })
  @Normalised()
  @IsString()
  @Length(1, 500)
  title!: string;

  @ApiProperty({ example: 'gov-office', description: 'The drafting unit (an active unit code)' })
  @IsString()
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE('drafterCode') })
  drafterCode!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-04-30' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'issuedOn must be a date YYYY-MM-DD' })
  issuedOn?: string | null;

  @ApiPropertyOptional({ example: ['政务公开', '政府开放月'] })
  @IsOptional()
  @NormalisedEach()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ type: [ServiceItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ServiceItemDto)
  serviceItems?: ServiceItemDto[];
}

/** `PUT /api/v1/policies/{id}`: the fields given are changed, the others kept. */
export class UpdatePolicyDto extends PartialType(CreatePolicyDto) {}

export class PolicyListQuery extends PageQuery(200) {
  @ApiPropertyOptional({ description: 'Part of the 文号 or the title', example: '静府办发' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Drafting unit code', example: 'gov-office' })
  @IsOptional()
  @IsString()
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE('drafter') })
  drafter?: string;
}

export class TrainModelDto {
  @ApiPropertyOptional({ default: false, description: 'Activate the new model as soon as it is stored' })
  @IsOptional()
  @IsBoolean()
  activate?: boolean;
}

/** One line of a training-example import (JSONL): {id?, title?, content, label}. */
export class TrainingExampleDto {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value))
  @IsString({ message: 'id must be text or a number' })
  @Length(1, 200)
  id?: string;

  @IsOptional()
  @Normalised()
  @IsString({ message: 'title must be text' })
  @MaxLength(500)
  title?: string | null;

  @Normalised()
  @IsString({ message: 'content is missing or not text' })
  @Length(1, 20_000, { message: 'content must be 1–20,000 characters' })
  content!: string;

  @IsString({ message: 'label is missing' })
  @Matches(UNIT_CODE, { message: UNIT_CODE_MESSAGE('label') })
  label!: string;
}
