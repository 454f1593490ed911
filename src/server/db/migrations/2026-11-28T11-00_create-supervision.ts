// Supervision (issue 7, 条例第四十九条): agencies not on the platform (external, their published
// reports imported by the 政务公开办), the imported reports, and the deadline a supervisor sets for
// its subtree. The tree itself is agencies.parent_id (subtrees by recursive CTE, see
// agencies.repository.ts).
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

const ROLES_BEFORE = ['clerk', 'sectionChief', 'leader', 'admin', 'auditor'];
/** 政务公开办 (supervisor) joins the roles a user may hold in an agency. */
const ROLES_AFTER = [...ROLES_BEFORE, 'supervisor'];

/** user_roles' CHECK on role: PostgreSQL alters it; SQLite cannot, so the table is rebuilt. */
async function setRoleCheck(db: Kysely<unknown>, postgres: boolean, roles: readonly string[]): Promise<void> {
  const check = sql`role in (${sql.join(roles.map((role) => sql.lit(role)))})`;
  if (postgres) {
    await sql`alter table user_roles drop constraint user_roles_role_check`.execute(db);
    await sql`alter table user_roles add constraint user_roles_role_check check (${check})`.execute(db);
    return;
  }
  await db.schema
    .createTable('user_roles_new')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('user_roles_pkey', ['user_id', 'agency_id', 'role'])
    .addCheckConstraint('user_roles_role_check', check)
    .execute();
  await sql`insert into user_roles_new (user_id, agency_id, role) select user_id, agency_id, role from user_roles where ${check}`.execute(db);
  await db.schema.dropTable('user_roles').execute();
  await db.schema.alterTable('user_roles_new').renameTo('user_roles').execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await setRoleCheck(db, postgres, ROLES_AFTER);
  /** 1: not on the platform; its reports are imported from the files it published. */
  await db.schema.alterTable('agencies').addColumn('external', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('supervision_deadlines')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('due_on', 'date', (col) => col.notNull())
    .addColumn('set_by', 'text', (col) => col.notNull())
    .addColumn('set_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addPrimaryKeyConstraint('supervision_deadlines_pkey', ['agency_id', 'year'])
    .execute();
  await db.schema
    .createTable('external_reports')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    /** The external agency the report is of. */
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('file_name', 'text', (col) => col.notNull())
    /** renderReportJson of the parsed report. */
    .addColumn('report_json', 'text', (col) => col.notNull())
    /** The parser's and the lint's findings (JSON array of Finding). */
    .addColumn('findings_json', 'text', (col) => col.notNull())
    .addColumn('error_count', 'integer', (col) => col.notNull())
    .addColumn('warning_count', 'integer', (col) => col.notNull())
    .addColumn('imported_by', 'text', (col) => col.notNull())
    .addColumn('imported_at', 'timestamptz', (col) => col.notNull())
    .execute();
  // One report per agency and year: a new import replaces the old one.
  await db.schema.createIndex('external_reports_agency_year_idx').on('external_reports').columns(['agency_id', 'year']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) await sql`delete from user_roles where role = 'supervisor'`.execute(db);
  await setRoleCheck(db, postgres, ROLES_BEFORE);
  await db.schema.dropTable('external_reports').execute();
  await db.schema.dropTable('supervision_deadlines').execute();
  await db.schema.alterTable('agencies').dropColumn('external').execute();
}
