import { type Role } from './roles';

export interface AccountSpec {
  username: string;
  role: Role;
  departmentCode: string | null;
  displayName: string;
}

/** The password of every demo account unless HUB_DEMO_PASSWORD says otherwise (local mode only). */
export const DEFAULT_DEMO_PASSWORD = 'hub-demo';

const DISTRICT_ROLES: [Role, string][] = [
  ['admin', '系统管理员'],
  ['dispatcher', '派单员（区城运中心）'],
  ['supervisor', '督办员'],
  ['analyst', '分析员'],
  ['integration', '接口账号（12345／国务院平台）'],
];

/**
 * Local demo mode (DESIGN.md, "Access"): one account per district-wide role and, for each
 * department and street office, `<code>.staff` (承办人) and `<code>.lead` (负责人).
 */
export function demoAccounts(units: { code: string; name: string }[]): AccountSpec[] {
  return [
    ...DISTRICT_ROLES.map(([role, displayName]) => ({
      username: role,
      role,
      departmentCode: null,
      displayName,
    })),
    ...units.flatMap((u) => [
      {
        username: `${u.code}.staff`,
        role: 'staff' as const,
        departmentCode: u.code,
        displayName: `${u.name}承办人`,
      },
      {
        username: `${u.code}.lead`,
        role: 'lead' as const,
        departmentCode: u.code,
        displayName: `${u.name}负责人`,
      },
    ]),
  ];
}
