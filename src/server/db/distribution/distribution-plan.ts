// Where each table goes on distributed PostgreSQL (Citus), and the rules a schema must keep for
// that to work (docs/decisions/0005-distributed-postgresql.md). Pure: the catalogue facts come in
// as data (read-catalogue.ts reads them from PostgreSQL), so the rules are tested without a
// database and the real schema is checked against them by a PostgreSQL test on every run.

/** A group of distributed tables whose rows with equal keys live on the same node. */
export type ColocationGroup = 'agency' | 'session' | 'login';

export type TablePlacement =
  /** Copied to every node: small, read everywhere, written rarely. */
  | { kind: 'reference' }
  /** Split into shards by `column`; tables of one group join and commit on one node. */
  | { kind: 'distributed'; column: string; group: ColocationGroup }
  /** Stays on the coordinator only (the migrator's own tables). */
  | { kind: 'local' };

const REFERENCE: TablePlacement = { kind: 'reference' };
const byAgency = (column = 'agency_id'): TablePlacement => ({ kind: 'distributed', column, group: 'agency' });

/** Every table of the schema. A new table must be added here, or the catalogue check fails. */
export const DISTRIBUTION_PLAN: Readonly<Record<string, TablePlacement>> = Object.freeze({
  // The tree and code → id are read by every query and every fan-out roll-up.
  agencies: REFERENCE,
  // The State Council's holiday arrangement binds every agency alike.
  calendar_years: REFERENCE,
  // A user may hold roles in several agencies; sign-in looks up the login.
  users: REFERENCE,
  user_roles: REFERENCE,
  audit_verifications: REFERENCE,
  job_runs: REFERENCE,
  // Written on every request: a reference table would write to every node each time.
  sessions: { kind: 'distributed', column: 'id', group: 'session' },
  login_attempts: { kind: 'distributed', column: 'login', group: 'login' },
  // One chain per agency; chain 0 holds the platform-wide entries.
  audit_entries: byAgency('chain_id'),
  report_applications: byAgency(),
  report_review_cases: byAgency(),
  report_documents: byAgency(),
  report_document_counts: byAgency(),
  report_yearly_figures: byAgency(),
  annual_report_texts: byAgency(),
  annual_reports: byAgency(),
  annual_report_events: byAgency(),
  applications: byAgency(),
  application_events: byAgency(),
  application_history: byAgency(),
  application_id_proofs: byAgency(),
  review_cases: byAgency(),
  tracking_sequences: byAgency(),
  notice_templates: byAgency(),
  reminders: byAgency(),
  publications: byAgency(),
  publication_events: byAgency(),
  publication_attachments: byAgency(),
  publication_index_sequences: byAgency(),
  publication_search: byAgency(),
  publication_search_word_counts: byAgency(),
  catalogue_nodes: byAgency(),
  disclosure_guides: byAgency(),
  disclosure_settings: byAgency(),
  disclosure_settings_history: byAgency(),
  screening_terms: byAgency(),
  external_reports: byAgency(),
  supervision_deadlines: byAgency(),
  kysely_migration: { kind: 'local' },
  kysely_migration_lock: { kind: 'local' },
});

export interface CatalogueColumn {
  table: string;
  column: string;
  /** PostgreSQL's name for the type: integer, bigint, text… */
  type: string;
  notNull: boolean;
  /** An identity or a serial (a default drawn from a sequence). */
  generated: boolean;
}

export interface CatalogueConstraint {
  table: string;
  name: string;
  /** Primary key, unique (constraint or unique index), foreign key, exclusion. */
  kind: 'primary' | 'unique' | 'foreign' | 'exclusion';
  columns: readonly string[];
  /** Foreign keys: the referenced table and columns, position by position. */
  references?: { table: string; columns: readonly string[] };
}

export interface Catalogue {
  tables: readonly string[];
  columns: readonly CatalogueColumn[];
  constraints: readonly CatalogueConstraint[];
}

export interface DistributionProblem {
  table: string;
  /** The constraint or column concerned, when there is one. */
  object?: string;
  message: string;
}

type Plan = Readonly<Record<string, TablePlacement>>;

/**
 * What would stop Citus from distributing this schema by the plan, or would let it but break a
 * guarantee (a unique key checked per shard only). Empty: the schema is ready.
 */
export function checkDistributionReadiness(catalogue: Catalogue, plan: Plan = DISTRIBUTION_PLAN): DistributionProblem[] {
  const problems: DistributionProblem[] = [];
  const tables = new Set(catalogue.tables);
  const columnsOf = new Map<string, Map<string, CatalogueColumn>>();
  for (const column of catalogue.columns) {
    const map = columnsOf.get(column.table) ?? new Map<string, CatalogueColumn>();
    map.set(column.column, column);
    columnsOf.set(column.table, map);
  }

  for (const table of catalogue.tables) {
    if (plan[table] === undefined) problems.push({ table, message: `表 ${table} 不在分布方案中（src/server/db/distribution/distribution-plan.ts）：请写明它是参照表还是按哪一列分布` });
  }
  for (const table of Object.keys(plan)) {
    if (!tables.has(table)) problems.push({ table, message: `分布方案中的表 ${table} 在数据库中不存在` });
  }

  const groupTypes = new Map<ColocationGroup, { table: string; type: string }>();
  for (const table of catalogue.tables) {
    const placement = plan[table];
    if (placement?.kind !== 'distributed') continue;
    const column = columnsOf.get(table)?.get(placement.column);
    if (column === undefined) {
      problems.push({ table, object: placement.column, message: `分布列 ${table}.${placement.column} 不存在` });
      continue;
    }
    if (!column.notNull) problems.push({ table, object: placement.column, message: `分布列 ${table}.${placement.column} 可以为空：分布表的每一行都须有分布列的值` });
    const first = groupTypes.get(placement.group);
    if (first === undefined) groupTypes.set(placement.group, { table, type: column.type });
    else if (first.type !== column.type) {
      problems.push({ table, object: placement.column, message: `分布列 ${table}.${placement.column} 的类型是 ${column.type}，同组的 ${first.table} 是 ${first.type}：类型不同的表不能放在同一节点组` });
    }
    for (const generated of columnsOf.get(table)?.values() ?? []) {
      if (generated.generated && generated.type !== 'bigint') {
        problems.push({ table, object: generated.column, message: `分布表 ${table} 的自增列 ${generated.column} 是 ${generated.type}：须为 bigint` });
      }
    }
  }

  for (const constraint of catalogue.constraints) {
    const placement = plan[constraint.table];
    if (placement === undefined || placement.kind === 'local') continue;
    if (constraint.kind === 'exclusion' && placement.kind === 'distributed') {
      problems.push({ table: constraint.table, object: constraint.name, message: `分布表 ${constraint.table} 有排除约束 ${constraint.name}：须含分布列且用等号，不如改为唯一约束` });
    }
    if ((constraint.kind === 'primary' || constraint.kind === 'unique') && placement.kind === 'distributed' && !constraint.columns.includes(placement.column)) {
      const what = constraint.kind === 'primary' ? '主键' : '唯一约束';
      problems.push({ table: constraint.table, object: constraint.name, message: `分布表 ${constraint.table} 的${what} ${constraint.name} (${constraint.columns.join(', ')}) 不含分布列 ${placement.column}：各分片只能检查自己的行` });
    }
    if (constraint.kind === 'foreign' && constraint.references !== undefined) {
      problems.push(...checkForeignKey(constraint, placement, plan[constraint.references.table]));
    }
  }
  return problems;
}

function checkForeignKey(constraint: CatalogueConstraint, from: TablePlacement, to: TablePlacement | undefined): DistributionProblem[] {
  const target = constraint.references?.table ?? '';
  const at = { table: constraint.table, object: constraint.name };
  if (to === undefined) return [];
  if (to.kind === 'local') return [{ ...at, message: `外键 ${constraint.name} 指向只在协调节点上的表 ${target}` }];
  if (to.kind === 'reference') return [];
  if (from.kind === 'reference') return [{ ...at, message: `参照表 ${constraint.table} 的外键 ${constraint.name} 指向分布表 ${target}：参照表只能指向参照表` }];
  if (from.kind !== 'distributed') return [];
  if (from.group !== to.group) return [{ ...at, message: `外键 ${constraint.name} 连接不同节点组的表 ${constraint.table}（${from.group}）和 ${target}（${to.group}）` }];
  const position = constraint.columns.indexOf(from.column);
  if (position < 0 || constraint.references?.columns[position] !== to.column) {
    return [{ ...at, message: `外键 ${constraint.name} (${constraint.columns.join(', ')}) 须以分布列 ${constraint.table}.${from.column} 对应 ${target}.${to.column}，两行才在同一节点` }];
  }
  return [];
}

export interface ForeignKeyEdge {
  table: string;
  references: string;
}

/** Tables in an order where each comes after those it references (Citus distributes the referenced first). */
function dependencyOrder(tables: readonly string[], edges: readonly ForeignKeyEdge[]): string[] {
  const pending = new Set(tables);
  const ordered: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter((table) => !edges.some((e) => e.table === table && e.references !== table && pending.has(e.references)));
    // A cycle (not in this schema) would stall: take the rest in name order.
    const next = ready.length > 0 ? ready.sort() : [...pending].sort();
    for (const table of next) {
      pending.delete(table);
      ordered.push(table);
    }
  }
  return ordered;
}

/**
 * The statements that turn the (migrated, possibly filled) tables into Citus tables: reference
 * tables first, then each group's distributed tables, the first of a group starting it and the
 * rest placed with it. Tables already distributed are left out.
 */
export function citusDistributionStatements(tables: readonly string[], edges: readonly ForeignKeyEdge[], alreadyDistributed: ReadonlySet<string> = new Set(), plan: Plan = DISTRIBUTION_PLAN): string[] {
  const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const ordered = dependencyOrder(tables, edges);
  const statements: string[] = [];
  for (const table of ordered) {
    if (plan[table]?.kind === 'reference' && !alreadyDistributed.has(table)) statements.push(`select create_reference_table(${quote(table)});`);
  }
  const groupAnchor = new Map<ColocationGroup, string>();
  for (const table of ordered) {
    const placement = plan[table];
    if (placement?.kind !== 'distributed') continue;
    const anchor = groupAnchor.get(placement.group);
    if (anchor === undefined) groupAnchor.set(placement.group, table);
    if (alreadyDistributed.has(table)) continue;
    const colocate = anchor === undefined ? `'none'` : quote(anchor);
    statements.push(`select create_distributed_table(${quote(table)}, ${quote(placement.column)}, colocate_with => ${colocate});`);
  }
  return statements;
}
