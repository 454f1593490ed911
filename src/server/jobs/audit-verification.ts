// The nightly audit-chain verification: the whole trail checked as `gongkai audit verify` does,
// the result kept in audit_verifications (count, last hash, findings). Each night's row also
// carries the count and last hash forward: if the newest entries are deleted later, the next
// night's check against the previous row's count finds it (a valid shorter chain otherwise passes).
import { verifyAuditTrail } from '../audit/audit.repository.ts';
import type { Job, JobContext } from './job-runner.ts';
import { dailyAtChinaHour } from './job-runner.ts';

export const AUDIT_VERIFICATION_JOB = 'audit-verification';
/** 02:00 in China, when the platform is quiet. */
export const AUDIT_VERIFICATION_HOUR = 2;

async function runAuditVerification({ db, period, now, log }: JobContext): Promise<Record<string, unknown>> {
  const previous = await db.selectFrom('audit_verifications').select(['entry_count', 'last_seq', 'last_hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const expected = previous?.last_seq != null && previous.last_hash !== null ? { count: previous.entry_count, anchor: { seq: previous.last_seq, hash: previous.last_hash } } : {};
  const report = await verifyAuditTrail(db, expected);
  const ok = report.findings.length === 0;
  await db
    .insertInto('audit_verifications')
    .values({ period, verified_at: now.toISOString(), entry_count: report.count, last_seq: report.lastSeq, last_hash: report.lastHash, findings: JSON.stringify(report.findings), ok: ok ? 1 : 0 })
    .execute();
  const summary = { count: report.count, lastSeq: report.lastSeq, lastHash: report.lastHash, findings: report.findings.length };
  if (!ok) log.error({ job: AUDIT_VERIFICATION_JOB, period, ...summary, first: report.findings.slice(0, 5).map((finding) => finding.message) }, 'audit trail verification found problems');
  return summary;
}

export const auditVerificationJob: Job = {
  name: AUDIT_VERIFICATION_JOB,
  periodAt: dailyAtChinaHour(AUDIT_VERIFICATION_HOUR),
  run: runAuditVerification,
};
