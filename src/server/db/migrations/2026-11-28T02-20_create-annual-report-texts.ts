// The prose of one year's report (一 总体情况, 五 问题及改进, 六 其他事项), written by staff.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_report_texts')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('overview', 'text', (col) => col.notNull())
    .addColumn('problems', 'text', (col) => col.notNull())
    .addColumn('other_matters', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addPrimaryKeyConstraint('annual_report_texts_pkey', ['agency_id', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('annual_report_texts').execute();
}
