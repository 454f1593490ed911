// Reads the facts distribution-plan.ts checks from PostgreSQL's catalogue: the tables of the
// current schema, their columns, keys, unique indexes and foreign keys. Also asks whether Citus
// is installed and which tables it already distributes.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Catalogue, CatalogueConstraint, ForeignKeyEdge } from './distribution-plan.ts';

export async function readCatalogue<DB>(db: Kysely<DB>): Promise<Catalogue & { edges: ForeignKeyEdge[] }> {
  const tables = await sql<{ table: string }>`
    select c.relname as "table" from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') order by 1`.execute(db);
  const columns = await sql<{ table: string; column: string; type: string; not_null: boolean; generated: boolean }>`
    select c.relname as "table", a.attname as "column", format_type(a.atttypid, null) as type, a.attnotnull as not_null,
           (a.attidentity <> '' or coalesce(pg_get_expr(d.adbin, d.adrelid) like 'nextval(%', false)) as generated
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`.execute(db);
  const constraints = await sql<{ table: string; name: string; kind: string; columns: string[]; ref_table: string | null; ref_columns: string[] | null }>`
    select c.relname as "table", con.conname as name, con.contype as kind,
           array(select a.attname from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
           r.relname as ref_table,
           case when con.contype = 'f' then array(select a.attname from unnest(con.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i)::text[] end as ref_columns
    from pg_constraint con join pg_class c on c.oid = con.conrelid left join pg_class r on r.oid = con.confrelid
    where c.relnamespace = current_schema()::regnamespace and con.contype in ('p', 'u', 'f', 'x')
    union all
    select c.relname, i.relname, 'i',
           array(select a.attname from unnest(ix.indkey::int2[]) with ordinality k(n, p) join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.n order by k.p)::text[],
           null, null
    from pg_index ix join pg_class c on c.oid = ix.indrelid join pg_class i on i.oid = ix.indexrelid
    where c.relnamespace = current_schema()::regnamespace and ix.indisunique
      and not exists (select 1 from pg_constraint con where con.conindid = ix.indexrelid)`.execute(db);
  const kinds: Record<string, CatalogueConstraint['kind']> = { p: 'primary', u: 'unique', i: 'unique', f: 'foreign', x: 'exclusion' };
  const list: CatalogueConstraint[] = constraints.rows.map((row) => ({
    table: row.table,
    name: row.name,
    kind: kinds[row.kind] ?? 'unique',
    columns: row.columns,
    ...(row.ref_table === null ? {} : { references: { table: row.ref_table, columns: row.ref_columns ?? [] } }),
  }));
  return {
    tables: tables.rows.map((row) => row.table),
    columns: columns.rows.map((row) => ({ table: row.table, column: row.column, type: row.type, notNull: row.not_null, generated: row.generated })),
    constraints: list,
    edges: list.filter((c) => c.references !== undefined).map((c) => ({ table: c.table, references: c.references?.table ?? '' })),
  };
}

/** The Citus version when the extension is installed in this database, else null. */
export async function citusVersion<DB>(db: Kysely<DB>): Promise<string | null> {
  const { rows } = await sql<{ extversion: string }>`select extversion from pg_extension where extname = 'citus'`.execute(db);
  return rows[0]?.extversion ?? null;
}

/** Tables of the current schema Citus already manages (call only when citusVersion is not null). */
export async function citusTables<DB>(db: Kysely<DB>): Promise<Set<string>> {
  const { rows } = await sql<{ table: string }>`
    select c.relname as "table" from pg_dist_partition p join pg_class c on c.oid = p.logicalrelid
    where c.relnamespace = current_schema()::regnamespace`.execute(db);
  return new Set(rows.map((row) => row.table));
}
