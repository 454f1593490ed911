// The nightly audit-chain verification: every chain checked as `gongkai audit verify` does, the
// result kept in audit_verifications (total count, findings, and each chain's anchor: count, last
// seq, last hash). Each night's row carries the anchors forward: if the newest entries of a chain
// are deleted later, the next night's check against that chain's previous anchor finds it (a valid
// shorter chain otherwise passes), and so does a chain deleted whole.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { PLATFORM_CHAIN_ID } from '../../domain/audit/audit-entry.ts';
import type { AuditChainExpectation } from '../../domain/audit/verify-audit-chain.ts';
import { verifyAuditTrail } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { Job, JobContext } from './job-runner.ts';
import { dailyAtChinaHour } from './job-runner.ts';

export const AUDIT_VERIFICATION_JOB = 'audit-verification';
/** 02:00 in China, when the platform is quiet. */
export const AUDIT_VERIFICATION_HOUR = 2;

/** One chain's anchor as kept in audit_verifications.chains. */
const ChainAnchor = z.object({
  chainId: z.number().int(),
  agencyCode: z.string().nullable(),
  count: z.number().int().min(0),
  lastSeq: z.number().int().nullable(),
  lastHash: z.string().nullable(),
});
type ChainAnchor = z.infer<typeof ChainAnchor>;
const ChainAnchors = z.array(ChainAnchor);

function toExpectation(anchor: { count: number; lastSeq: number | null; lastHash: string | null }): AuditChainExpectation {
  return anchor.lastSeq !== null && anchor.lastHash !== null ? { count: anchor.count, anchor: { seq: anchor.lastSeq, hash: anchor.lastHash } } : { count: anchor.count };
}

/** What the last night left, per chain; a row from before the split anchors its one chain, now chain 0. */
async function findPreviousAnchors(db: Kysely<Database>): Promise<Map<number, AuditChainExpectation>> {
  const previous = await db.selectFrom('audit_verifications').select(['entry_count', 'last_seq', 'last_hash', 'chains']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const expected = new Map<number, AuditChainExpectation>();
  if (previous === undefined) return expected;
  if (previous.chains === null) {
    if (previous.last_seq !== null) expected.set(PLATFORM_CHAIN_ID, toExpectation({ count: previous.entry_count, lastSeq: previous.last_seq, lastHash: previous.last_hash }));
    return expected;
  }
  // A row that does not parse throws: the job fails and is logged, rather than check against nothing.
  for (const anchor of ChainAnchors.parse(JSON.parse(previous.chains))) expected.set(anchor.chainId, toExpectation(anchor));
  return expected;
}

async function runAuditVerification({ db, period, now, log }: JobContext): Promise<Record<string, unknown>> {
  const report = await verifyAuditTrail(db, { expected: await findPreviousAnchors(db) });
  const ok = report.findings.length === 0;
  const anchors: ChainAnchor[] = report.chains.map((chain) => ({ chainId: chain.chainId, agencyCode: chain.agencyCode, count: chain.count, lastSeq: chain.lastSeq, lastHash: chain.lastHash }));
  await db
    .insertInto('audit_verifications')
    // last_seq and last_hash belong to the one chain of rows written before the split.
    .values({ period, verified_at: now.toISOString(), entry_count: report.count, last_seq: null, last_hash: null, chains: JSON.stringify(anchors), findings: JSON.stringify(report.findings), ok: ok ? 1 : 0 })
    .execute();
  const summary = { count: report.count, chains: report.chains.length, findings: report.findings.length };
  if (!ok) log.error({ job: AUDIT_VERIFICATION_JOB, period, ...summary, first: report.findings.slice(0, 5).map((finding) => finding.message) }, 'audit trail verification found problems');
  return summary;
}

export const auditVerificationJob: Job = {
  name: AUDIT_VERIFICATION_JOB,
  periodAt: dailyAtChinaHour(AUDIT_VERIFICATION_HOUR),
  run: runAuditVerification,
};
