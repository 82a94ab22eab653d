/**
 * Roles (DESIGN.md, "Access"): admin; dispatcher (派单员); department staff (承办人) and department
 * lead (负责人), both bound to one department or street office; supervisor (督办); analyst;
 * integration (the call centre and the State Council portal feed).
 */
export const ROLES = [
  'admin',
  'dispatcher',
  'staff',
  'lead',
  'supervisor',
  'analyst',
  'integration',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** Who is calling: from the access token. */
export interface Principal {
  username: string;
  role: Role;
  /** The department or street office of staff and leads; null for every other role. */
  departmentCode: string | null;
  displayName: string;
}

/** Roles bound to one department: they see and act on that department's cases only. */
export function isDepartmentRole(role: Role): boolean {
  return role === 'staff' || role === 'lead';
}

/** Roles that read cases at all (the integration account feeds channels; it reads none). */
export const CASE_READERS: readonly Role[] = [
  'admin',
  'dispatcher',
  'staff',
  'lead',
  'supervisor',
  'analyst',
];

/** Roles that may see a citizen's contact details unmasked (every view is audited). */
export const CONTACT_READERS: readonly Role[] = ['admin', 'dispatcher', 'staff', 'lead', 'supervisor'];

/**
 * The departments whose cases a principal may see: one for staff and leads, undefined (all) for
 * the district-wide roles. A staff account without a department sees nothing.
 */
export function departmentScope(p: Principal): string[] | undefined {
  if (!isDepartmentRole(p.role)) return undefined;
  return p.departmentCode ? [p.departmentCode] : [];
}

export function maySeeDepartment(p: Principal, departmentCode: string | null): boolean {
  const scope = departmentScope(p);
  return scope === undefined || (departmentCode !== null && scope.includes(departmentCode));
}
