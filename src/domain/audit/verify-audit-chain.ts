// Checks a hash-chained audit trail (audit-entry.ts), one chain at a time, entry by entry in seq
// order, so a trail of millions of rows is checked page by page without holding it in memory. The
// trail has one chain per agency and one for the platform (chain 0): each is checked on its own,
// and its findings are named after it (toAuditTrailChainReport).
//
// What the chain shows: an entry whose content changed (its hash no longer matches), an entry whose
// link was changed, entries missing from the middle or the start (a gap in seq). What it cannot
// show alone: the newest entries deleted (the rest is a valid shorter chain), or the whole tail
// rewritten with fresh hashes. Both are caught by comparing with a count or a (seq, hash) anchor
// kept elsewhere, per chain — `expected` below; `gongkai audit verify` prints the values to keep.
import type { Sha256, StoredAuditEntry } from './audit-entry.ts';
import { computeEntryHash, GENESIS_HASH, PLATFORM_CHAIN_ID } from './audit-entry.ts';

export type AuditFindingKind = 'altered' | 'broken_link' | 'missing' | 'bad_genesis' | 'out_of_order' | 'wrong_chain' | 'anchor_mismatch';

export interface AuditFinding {
  kind: AuditFindingKind;
  /** The entry concerned; for 'missing', the first missing seq. */
  seq: number;
  /** For 'missing': the last missing seq (equal to seq when one entry is missing). */
  toSeq?: number;
  /** Plain Chinese, naming the entry. */
  message: string;
}

/** Values of one chain kept outside the database earlier (a printed report, another system). */
export interface AuditChainExpectation {
  /** The chain had at least this many entries: fewer means the newest were deleted. */
  count?: number;
  /** Entry `seq` had this hash: a different hash means it and those before it were rewritten. */
  anchor?: { seq: number; hash: string };
}

export interface AuditChainReport {
  /** Entries read. */
  count: number;
  lastSeq: number | null;
  lastHash: string | null;
  findings: AuditFinding[];
}

export interface AuditChainVerifier {
  /** Feed the entries of one chain in ascending seq order. */
  add(entry: StoredAuditEntry): void;
  finish(): AuditChainReport;
}

function missing(from: number, to: number, cause: string): AuditFinding {
  const range = from === to ? `第${from}条` : `第${from}至第${to}条（共${to - from + 1}条）`;
  return { kind: 'missing', seq: from, toSeq: to, message: `${range}缺失${cause}。` };
}

export function createAuditChainVerifier(sha256: Sha256, expected: AuditChainExpectation = {}): AuditChainVerifier {
  const findings: AuditFinding[] = [];
  let count = 0;
  let last: StoredAuditEntry | undefined;
  let anchorHash: string | undefined;

  return {
    add(entry) {
      count += 1;
      if (entry.seq === expected.anchor?.seq) anchorHash = entry.hash;
      if (computeEntryHash(entry, sha256) !== entry.hash) {
        findings.push({ kind: 'altered', seq: entry.seq, message: `第${entry.seq}条被改动：保存的哈希与按内容重新计算的哈希不符。` });
      }
      // An agency's chain holds only that agency's entries (the agency id is hashed, the chain id is
      // not); chain 0 also holds the entries of every agency written before the split.
      if (entry.chainId !== PLATFORM_CHAIN_ID && entry.agencyId !== entry.chainId) {
        findings.push({ kind: 'wrong_chain', seq: entry.seq, message: `第${entry.seq}条不属于这条链：它记录的机关编号是${entry.agencyId ?? '空（全平台）'}，被移入了编号${entry.chainId}的链。` });
      }
      const expectedSeq = last === undefined ? 1 : last.seq + 1;
      if (entry.seq < expectedSeq) {
        findings.push({ kind: 'out_of_order', seq: entry.seq, message: `第${entry.seq}条的序号重复或顺序颠倒（前一条是第${last?.seq ?? 0}条）。` });
        return;
      }
      if (entry.seq > expectedSeq) {
        // The link across a gap cannot be checked: the entry it points to is gone.
        findings.push(missing(expectedSeq, entry.seq - 1, ''));
      } else if (last === undefined) {
        if (entry.prevHash !== GENESIS_HASH) {
          findings.push({ kind: 'bad_genesis', seq: entry.seq, message: `第${entry.seq}条是第一条，但其“前一条哈希”不是起始值（64个0）：链的开头被改动。` });
        }
      } else if (entry.prevHash !== last.hash) {
        findings.push({ kind: 'broken_link', seq: entry.seq, message: `第${entry.seq}条链接断开：其“前一条哈希”与第${last.seq}条的哈希不符。` });
      }
      last = entry;
    },
    finish() {
      const result = [...findings];
      const lastSeq = last?.seq ?? 0;
      // The newest entries deleted: only a value kept elsewhere shows it.
      const expectedLastSeq = Math.max(expected.count ?? 0, expected.anchor?.seq ?? 0);
      if (lastSeq < expectedLastSeq) {
        const kept = expected.count !== undefined && expected.count >= (expected.anchor?.seq ?? 0) ? `应至少有${expected.count}条` : `留存的锚点是第${expectedLastSeq}条`;
        const left = lastSeq === 0 ? '而现在一条也没有，全部记录被删除' : `而最后一条是第${lastSeq}条，末尾的记录被删除`;
        result.push(missing(lastSeq + 1, expectedLastSeq, `：${kept}，${left}`));
      }
      const anchor = expected.anchor;
      if (anchor !== undefined && anchorHash !== undefined && anchorHash !== anchor.hash.toLowerCase()) {
        result.push({ kind: 'anchor_mismatch', seq: anchor.seq, message: `第${anchor.seq}条的哈希与留存的锚点不符：第${anchor.seq}条及其以前的记录被改写。` });
      }
      // A missing anchor inside the trail is already a gap finding.
      result.sort((a, b) => a.seq - b.seq);
      return { count, lastSeq: last?.seq ?? null, lastHash: last?.hash ?? null, findings: result };
    },
  };
}

/** The whole trail at once (tests, small trails). */
export function verifyAuditChain(entries: readonly StoredAuditEntry[], sha256: Sha256, expected: AuditChainExpectation = {}): AuditChainReport {
  const verifier = createAuditChainVerifier(sha256, expected);
  for (const entry of entries) verifier.add(entry);
  return verifier.finish();
}

/** Whose chain it is: an agency's (its code and name), or the platform's (chain 0, both null). */
export interface AuditChainOwner {
  chainId: number;
  agencyCode: string | null;
  agencyName: string | null;
}

/** A finding of the whole trail: which chain, and a message that names it. */
export interface AuditChainFinding extends AuditFinding {
  chainId: number;
}

/** One chain's report within the trail's. */
export interface AuditTrailChainReport extends AuditChainOwner, Omit<AuditChainReport, 'findings'> {
  findings: AuditChainFinding[];
}

export interface AuditTrailReport {
  /** Entries read, all chains together. */
  count: number;
  /** By chain id: the platform's chain (0) first. */
  chains: AuditTrailChainReport[];
  /** Every chain's findings, chain after chain. */
  findings: AuditChainFinding[];
}

/** How messages name a chain: 示范市人民政府（CITY）, or 全平台链. */
export function auditChainName(owner: AuditChainOwner): string {
  if (owner.agencyCode !== null) return `${owner.agencyName ?? owner.agencyCode}（${owner.agencyCode}）`;
  // A chain id that is no agency's can only come from tampering (chain_id has no foreign key).
  return owner.chainId === PLATFORM_CHAIN_ID ? '全平台链' : `编号${owner.chainId}的链（无此机关）`;
}

/** A chain's report with each finding's message prefixed by the chain's name. */
export function toAuditTrailChainReport(owner: AuditChainOwner, report: AuditChainReport): AuditTrailChainReport {
  const name = auditChainName(owner);
  // 全平台链 第3条…; the other names end in a bracket and need no space.
  const prefix = name === '全平台链' ? `${name} ` : name;
  return {
    chainId: owner.chainId,
    agencyCode: owner.agencyCode,
    agencyName: owner.agencyName,
    count: report.count,
    lastSeq: report.lastSeq,
    lastHash: report.lastHash,
    findings: report.findings.map((finding) => ({ chainId: owner.chainId, ...finding, message: `${prefix}${finding.message}` })),
  };
}

/** The trail's report from its chains' (in any order). */
export function toAuditTrailReport(chains: readonly AuditTrailChainReport[]): AuditTrailReport {
  const sorted = [...chains].sort((a, b) => a.chainId - b.chainId);
  return { count: sorted.reduce((sum, chain) => sum + chain.count, 0), chains: sorted, findings: sorted.flatMap((chain) => chain.findings) };
}
