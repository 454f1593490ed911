// One audit hash chain per agency instead of one for the platform (docs/decisions/0005, "The audit
// chain"): audit_entries gets chain_id (the agency id, or 0 for platform-wide entries) and the key
// (chain_id, seq), so appends lock one chain and the table can be distributed by agency. chain_id
// has no foreign key: 0 is no agency. Every existing entry goes to chain 0 unchanged (nothing is
// rehashed: the hash does not cover chain_id), so the old chain still verifies and chain 0 goes on
// with the platform-wide entries; each agency's new entries start a chain of their own at seq 1.
// The listing orders by time, so (agency_id, seq) gives way to (agency_id, at) and (at, chain_id, seq).
// audit_verifications.chains: the nightly check's anchors per chain, a JSON array of
// {chainId, agencyCode, count, lastSeq, lastHash}; null in rows written before (their last_seq and
// last_hash are then the anchor of chain 0).
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const COLUMNS = sql.raw('seq, at, actor, agency_id, action, subject, detail, prev_hash, hash');

/** audit_entries as migration 08-10 made it, under another name, with `rest` (more columns, the key) after the columns. */
async function createSqliteAuditTable(trx: Kysely<unknown>, name: string, rest: RawBuilder<unknown>): Promise<void> {
  await sql`create table ${sql.id(name)} (
    seq integer not null,
    at text not null,
    actor text not null,
    agency_id integer references agencies (id),
    action text not null,
    subject text not null,
    detail text not null,
    prev_hash text not null,
    hash text not null
    ${rest}
  )`.execute(trx);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // A constant default fills the existing rows without rewriting the table; new rows must say.
    await sql`alter table audit_entries add column chain_id integer not null default 0`.execute(db);
    await sql`alter table audit_entries alter column chain_id drop default`.execute(db);
    await sql`alter table audit_entries drop constraint audit_entries_pkey`.execute(db);
    await sql`alter table audit_entries add constraint audit_entries_pkey primary key (chain_id, seq)`.execute(db);
    await sql`drop index audit_entries_agency_seq_idx`.execute(db);
  } else {
    // seq is the rowid key: SQLite cannot change a primary key in place. Kysely runs SQLite
    // migrations outside a transaction, so the rebuild takes one of its own.
    await db.transaction().execute(async (trx) => {
      await createSqliteAuditTable(trx, 'audit_entries_split', sql`, chain_id integer not null, constraint audit_entries_pkey primary key (chain_id, seq)`);
      await sql`insert into audit_entries_split (${COLUMNS}, chain_id) select ${COLUMNS}, 0 from audit_entries`.execute(trx);
      await sql`drop table audit_entries`.execute(trx);
      await sql`alter table audit_entries_split rename to audit_entries`.execute(trx);
    });
  }
  await db.schema.createIndex('audit_entries_agency_at_idx').on('audit_entries').columns(['agency_id', 'at']).execute();
  await db.schema.createIndex('audit_entries_at_idx').on('audit_entries').columns(['at', 'chain_id', 'seq']).execute();
  await db.schema.alterTable('audit_verifications').addColumn('chains', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // One chain cannot take the entries of several without rehashing them, which would hide tampering.
  const { rows } = await sql<{ entries: number | string }>`select count(*) as entries from audit_entries where chain_id <> 0`.execute(db);
  const entries = Number(rows[0]?.entries ?? 0);
  if (entries > 0) throw new Error(`${entries} audit entries are in agencies' chains (chain_id <> 0); the single platform chain cannot hold them, so this migration cannot be undone`);
  await db.schema.alterTable('audit_verifications').dropColumn('chains').execute();
  await db.schema.dropIndex('audit_entries_at_idx').execute();
  await db.schema.dropIndex('audit_entries_agency_at_idx').execute();
  if (isPostgres(db)) {
    await sql`alter table audit_entries drop constraint audit_entries_pkey`.execute(db);
    await sql`alter table audit_entries add constraint audit_entries_pkey primary key (seq)`.execute(db);
    await sql`alter table audit_entries drop column chain_id`.execute(db);
  } else {
    await db.transaction().execute(async (trx) => {
      await createSqliteAuditTable(trx, 'audit_entries_single', sql`, constraint audit_entries_pkey primary key (seq)`);
      await sql`insert into audit_entries_single (${COLUMNS}) select ${COLUMNS} from audit_entries`.execute(trx);
      await sql`drop table audit_entries`.execute(trx);
      await sql`alter table audit_entries_single rename to audit_entries`.execute(trx);
    });
  }
  await db.schema.createIndex('audit_entries_agency_seq_idx').on('audit_entries').columns(['agency_id', 'seq']).execute();
}
