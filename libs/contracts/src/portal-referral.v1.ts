import { FieldChecker } from './parse-json';

/**
 * A State Council portal referral (国务院“互联网+督查”/中国政府网转办留言): `POST /api/v1/portal/referrals`
 * and each row of the portal's export file. `referralId` is the portal's id: the same id again is
 * the same referral.
 */
export interface PortalReferralV1 {
  referralId: string;
  referredAt: string;
  /** 办理时限 set by the portal; 15 working days apply where it has none. */
  dueAt: string | null;
  title: string;
  content: string;
  /** 留言人 */
  submitter: string | null;
  /** 联系电话 */
  phone: string | null;
  /** 地区 */
  region: string | null;
}

/** The portal export's column headers, in the order the portal writes them. */
export const PORTAL_EXPORT_HEADERS = {
  转办编号: 'referralId',
  转办时间: 'referredAt',
  办理时限: 'dueAt',
  标题: 'title',
  内容: 'content',
  留言人: 'submitter',
  联系电话: 'phone',
  地区: 'region',
} as const satisfies Record<string, keyof PortalReferralV1>;

export const PORTAL_REQUIRED_HEADERS = ['转办编号', '转办时间', '标题', '内容'] as const;

/** Checks one referral (a JSON body or an export row); throws `InvalidMessageError` naming every problem. */
export function parsePortalReferral(
  obj: Record<string, unknown>,
  opts: { allowUnknown?: boolean } = {},
): PortalReferralV1 {
  const c = new FieldChecker(obj);
  const referral: PortalReferralV1 = {
    referralId: c.string('referralId', { required: true, min: 1, max: 100 }) ?? '',
    referredAt: c.timestamp('referredAt', { required: true }) ?? '',
    dueAt: c.timestamp('dueAt'),
    title: c.string('title', { required: true, min: 1, max: 500 }) ?? '',
    content: c.string('content', { required: true, min: 1, max: 20000 }) ?? '',
    submitter: c.string('submitter', { max: 100 }),
    phone: c.string('phone', { max: 40 }),
    region: c.string('region', { max: 100 }),
  };
  if (!opts.allowUnknown) {
    const known = new Set<string>(Object.values(PORTAL_EXPORT_HEADERS));
    for (const field of Object.keys(obj))
      if (!known.has(field)) c.problems.push({ field, problem: 'is not a field of a referral' });
  }
  if (referral.dueAt && referral.referredAt && referral.dueAt < referral.referredAt) {
    c.problems.push({ field: 'dueAt', problem: 'is before referredAt' });
  }
  c.done();
  return referral;
}
