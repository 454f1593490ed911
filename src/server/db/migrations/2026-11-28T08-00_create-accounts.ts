// Accounts and access (issue 5): users, their roles per agency, sessions and login attempts.
// Times are epoch milliseconds (bigint): the same on both engines, and compared as numbers by the
// lockout and session rules. Flags are integers 0/1 (better-sqlite3 cannot bind booleans). Role codes are copied on purpose: a migration never imports app code.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// roles.ts as of this migration.
const ROLES = ['clerk', 'sectionChief', 'leader', 'admin', 'auditor'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    .addColumn('login', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    // "scrypt$N$r$p$salt$hash" (base64); never the password.
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('must_change_password', 'integer', (col) => col.notNull().check(sql`must_change_password in (0, 1)`))
    // Base32 TOTP secret once confirmed; the pending one waits for the first code.
    .addColumn('totp_secret', 'text')
    .addColumn('totp_pending_secret', 'text')
    // The last 30-second step accepted: a code is good once (RFC 6238 §5.2).
    .addColumn('totp_last_step', 'bigint')
    .addColumn('failed_logins', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('last_login_at', 'bigint')
    .addColumn('disabled', 'integer', (col) => col.notNull().check(sql`disabled in (0, 1)`))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('user_roles_pkey', ['user_id', 'agency_id', 'role'])
    .addCheckConstraint('user_roles_role_check', sql`role in (${sql.join(ROLES.map((role) => sql.lit(role)))})`)
    .execute();

  await db.schema
    .createTable('sessions')
    // sha256 (hex) of the token; the token itself is only in the user's cookie.
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('second_factor_done', 'integer', (col) => col.notNull().check(sql`second_factor_done in (0, 1)`))
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  // No client address: the log proves attempts, not who sat where (个人信息保护法 最小必要).
  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    .addColumn('login', 'text', (col) => col.notNull())
    .addColumn('at', 'bigint', (col) => col.notNull())
    .addColumn('success', 'integer', (col) => col.notNull().check(sql`success in (0, 1)`))
    .execute();
  await db.schema.createIndex('login_attempts_login_at_idx').on('login_attempts').columns(['login', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_attempts').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('user_roles').execute();
  await db.schema.dropTable('users').execute();
}
