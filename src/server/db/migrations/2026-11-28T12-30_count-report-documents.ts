// Table 二's documents counted as they change (issue 7: the supervisor's roll-up over 1,000
// agencies read millions of 规章 and 规范性文件 rows for each view: 2.3–2.5 s of its 3 s). Each
// document that table 二 counts — a published or withdrawn publication of kind rules or
// normativeDocuments, or an imported report_documents record — adds 1 to one row of
// report_document_counts: its agency, kind, the year it was issued (成文), and how and in which
// year it ended (废止 'repealed', 失效 'expired', '' and 0 while in force). A year's issued,
// repealed and in-force numbers are sums over these rows (supervision.repository.ts).
//
// Triggers keep the rows in step with every write, whoever makes it (the services, imports, the
// demo loader, bulk loads, psql): PostgreSQL per statement with transition tables (one grouped
// upsert however many rows, in key order so two writers cannot deadlock); SQLite per row.
// Calendar years are exact here: a date is in year Y's 1 January–31 December.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** What one publication row counts as (PostgreSQL; `r` is the row). */
const PG_PUBLICATION = `select r.agency_id, r.kind, extract(year from r.written_on)::int as issued_year,
    case when r.validity in ('repealed', 'expired') and r.validity_ended_on is not null then r.validity else '' end as ended,
    case when r.validity in ('repealed', 'expired') and r.validity_ended_on is not null then extract(year from r.validity_ended_on)::int else 0 end as ended_year`;
const PG_PUBLICATION_WHERE = `r.kind in ('rules', 'normativeDocuments') and r.state in ('published', 'withdrawn')`;
const PG_RECORD = `select r.agency_id, r.kind, extract(year from r.issued_on)::int as issued_year,
    case when r.repealed_on is not null then 'repealed' else '' end as ended,
    coalesce(extract(year from r.repealed_on)::int, 0) as ended_year`;

const KEY = 'agency_id, kind, issued_year, ended, ended_year';

function pgApply(changes: string): string {
  return `insert into report_document_counts (${KEY}, items)
      select ${KEY}, sum(delta) from (${changes}) c group by ${KEY} having sum(delta) <> 0 order by ${KEY}
      on conflict (${KEY}) do update set items = report_document_counts.items + excluded.items`;
}

function pgFunction(name: string, select: string, where: string): string {
  const rows = (table: string, delta: number) => `${select}, ${delta} as delta from ${table} r where ${where}`;
  return `create function ${name}() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then ${pgApply(rows('new_rows', 1))};
      elsif tg_op = 'DELETE' then ${pgApply(rows('old_rows', -1))};
      else ${pgApply(`${rows('old_rows', -1)} union all ${rows('new_rows', 1)}`)};
      end if;
      return null;
    end $fn$`;
}

/** SQLite: what one row counts as, its columns read through `p.` (new., old., or the table's name). */
function sqliteRow(p: string, table: 'publications' | 'report_documents'): { when: string; values: string } {
  if (table === 'publications') {
    const ended = `${p}.validity in ('repealed', 'expired') and ${p}.validity_ended_on is not null`;
    return {
      when: `${p}.kind in ('rules', 'normativeDocuments') and ${p}.state in ('published', 'withdrawn')`,
      values: `${p}.agency_id, ${p}.kind, cast(substr(${p}.written_on, 1, 4) as integer), case when ${ended} then ${p}.validity else '' end, case when ${ended} then cast(substr(${p}.validity_ended_on, 1, 4) as integer) else 0 end`,
    };
  }
  return {
    when: '1',
    values: `${p}.agency_id, ${p}.kind, cast(substr(${p}.issued_on, 1, 4) as integer), case when ${p}.repealed_on is not null then 'repealed' else '' end, coalesce(cast(substr(${p}.repealed_on, 1, 4) as integer), 0)`,
  };
}

function sqliteTriggers(table: 'publications' | 'report_documents'): string[] {
  const change = (p: 'new' | 'old', delta: number) => {
    const { when, values } = sqliteRow(p, table);
    return `insert into report_document_counts (${KEY}, items) select ${values}, ${delta} where ${when}
      on conflict (${KEY}) do update set items = items + excluded.items;`;
  };
  const name = `${table}_document_counts`;
  return [
    `create trigger ${name}_insert after insert on ${table} begin ${change('new', 1)} end`,
    `create trigger ${name}_update after update on ${table} begin ${change('old', -1)} ${change('new', 1)} end`,
    `create trigger ${name}_delete after delete on ${table} begin ${change('old', -1)} end`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_document_counts')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('issued_year', 'integer', (col) => col.notNull())
    .addColumn('ended', 'text', (col) => col.notNull())
    .addColumn('ended_year', 'integer', (col) => col.notNull())
    .addColumn('items', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('report_document_counts_pkey', ['agency_id', 'kind', 'issued_year', 'ended', 'ended_year'])
    .execute();
  if (isPostgres(db)) {
    const sources = [
      ['publications', PG_PUBLICATION, PG_PUBLICATION_WHERE],
      ['report_documents', PG_RECORD, 'true'],
    ] as const;
    for (const [table, select, where] of sources) {
      await sql.raw(`insert into report_document_counts (${KEY}, items) select ${KEY}, count(*) from (${select} from ${table} r where ${where}) c group by ${KEY}`).execute(db);
      const fn = `${table}_document_counts`;
      await sql.raw(pgFunction(fn, select, where)).execute(db);
      await sql.raw(`create trigger ${fn}_insert after insert on ${table} referencing new table as new_rows for each statement execute function ${fn}()`).execute(db);
      await sql.raw(`create trigger ${fn}_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}()`).execute(db);
      await sql.raw(`create trigger ${fn}_delete after delete on ${table} referencing old table as old_rows for each statement execute function ${fn}()`).execute(db);
    }
  } else {
    for (const table of ['publications', 'report_documents'] as const) {
      const { when, values } = sqliteRow(table, table);
      await sql.raw(`insert into report_document_counts (${KEY}, items) select ${values}, count(*) from ${table} where ${when} group by 1, 2, 3, 4, 5`).execute(db);
      for (const statement of sqliteTriggers(table)) await sql.raw(statement).execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['publications', 'report_documents']) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists ${table}_document_counts_${event}${isPostgres(db) ? ` on ${table}` : ''}`).execute(db);
    if (isPostgres(db)) await sql.raw(`drop function if exists ${table}_document_counts()`).execute(db);
  }
  await db.schema.dropTable('report_document_counts').execute();
}
