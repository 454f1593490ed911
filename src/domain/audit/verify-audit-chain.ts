// Checks a hash-chained audit trail (audit-entry.ts), entry by entry in seq order, so a trail of
// millions of rows is checked page by page without holding it in memory.
//
// What the chain shows: an entry whose content changed (its hash no longer matches), an entry whose
// link was changed, entries missing from the middle or the start (a gap in seq). What it cannot
// show alone: the newest entries deleted (the rest is a valid shorter chain), or the whole tail
// rewritten with fresh hashes. Both are caught by comparing with a count or a (seq, hash) anchor
// kept elsewhere — `expected` below; `gongkai audit verify` prints the values to keep.
import type { Sha256, StoredAuditEntry } from './audit-entry.ts';
import { computeEntryHash, GENESIS_HASH } from './audit-entry.ts';

export type AuditFindingKind = 'altered' | 'broken_link' | 'missing' | 'bad_genesis' | 'out_of_order' | 'anchor_mismatch';

export interface AuditFinding {
  kind: AuditFindingKind;
  /** The entry concerned; for 'missing', the first missing seq. */
  seq: number;
  /** For 'missing': the last missing seq (equal to seq when one entry is missing). */
  toSeq?: number;
  /** Plain Chinese, naming the entry. */
  message: string;
}

/** Values kept outside the database earlier (a printed report, another system). */
export interface AuditChainExpectation {
  /** The trail had at least this many entries: fewer means the newest were deleted. */
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
  /** Feed entries in ascending seq order. */
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
        result.push(missing(lastSeq + 1, expectedLastSeq, `：${kept}，而最后一条是第${lastSeq}条，末尾的记录被删除`));
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
