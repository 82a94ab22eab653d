import { type DataSource } from 'typeorm';
import { type AccountSpec, demoAccounts, type Principal, type Role } from '@hub/auth';

export interface AccountRow {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  departmentCode: string | null;
  active: boolean;
  lockedUntil: Date | null;
}

const COLUMNS = `username, display_name AS "displayName", password_hash AS "passwordHash", role,
  department_code AS "departmentCode", active, locked_until AS "lockedUntil"`;

/** Local accounts: lookup, the failed-login counter with lockout, and the local demo accounts. */
export class PgAccountStore {
  constructor(private readonly db: DataSource) {}

  async find(username: string): Promise<AccountRow | null> {
    const [row] = await this.db.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM user_account WHERE username = $1`,
      [username],
    );
    return row ?? null;
  }

  /** A successful login clears the counter. */
  async loginSucceeded(username: string): Promise<void> {
    await this.db.query(
      `UPDATE user_account SET failed_attempts = 0, locked_until = NULL, last_login_at = now() WHERE username = $1`,
      [username],
    );
  }

  /** Counts a failed login; the `max`-th in a row locks the account for `lockMinutes`. */
  async loginFailed(username: string, max: number, lockMinutes: number): Promise<Date | null> {
    // A CTE makes it a SELECT to the driver: TypeORM answers a bare UPDATE with [rows, count].
    const [row] = await this.db.query<{ locked_until: Date | null }[]>(
      `WITH u AS (UPDATE user_account
       SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
           locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE username = $1 RETURNING locked_until) SELECT locked_until FROM u`,
      [username, max, lockMinutes],
    );
    return row?.locked_until ?? null;
  }

  /**
   * Creates the demo accounts that do not exist yet (one per district role, `<code>.staff` and
   * `<code>.lead` per active unit), all with the given password hash. Local mode only.
   */
  async ensureDemoAccounts(passwordHash: string): Promise<number> {
    const units = await this.db.query<{ code: string; name: string }[]>(
      `SELECT code, name FROM department WHERE active ORDER BY code`,
    );
    return this.insertMissing(demoAccounts(units), passwordHash, true);
  }

  async insertMissing(accounts: AccountSpec[], passwordHash: string, demo: boolean): Promise<number> {
    const rows = await this.db.query<unknown[]>(
      `INSERT INTO user_account (username, display_name, password_hash, role, department_code, demo)
       SELECT a.username, a.display_name, $2, a.role, a.department_code, $3
       FROM jsonb_to_recordset($1::jsonb) AS a(username text, display_name text, role text, department_code text)
       ON CONFLICT ON CONSTRAINT pk_user_account DO NOTHING
       RETURNING 1`,
      [
        JSON.stringify(
          accounts.map((a) => ({
            username: a.username,
            display_name: a.displayName,
            role: a.role,
            department_code: a.departmentCode,
          })),
        ),
        passwordHash,
        demo,
      ],
    );
    return rows.length;
  }

  async countDemo(): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM user_account WHERE demo AND active`,
    );
    return n;
  }

  static principal(a: AccountRow): Principal {
    return {
      username: a.username,
      role: a.role,
      departmentCode: a.departmentCode,
      displayName: a.displayName,
    };
  }
}
