// Tests use real SHA-256 (node:crypto is fine in a test). The canonical texts hashed are written out
// by hand from the rule in audit-entry.ts; the chain is built through computeNextAuditEntry.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEntryInput, StoredAuditEntry } from './audit-entry.ts';
import { computeEntryHash, computeNextAuditEntry, GENESIS_HASH, toAuditChainId } from './audit-entry.ts';
import { auditChainName, toAuditTrailChainReport, toAuditTrailReport, verifyAuditChain } from './verify-audit-chain.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function input(n: number): AuditEntryInput {
  return { at: `2026-11-28T08:${String(n).padStart(2, '0')}:00.000Z`, actor: 'u-clerk', agencyId: 1, action: 'application.event', subject: `application:CITY-2025-00000${n}`, detail: { kind: 'received', 序号: n } };
}

function chain(length: number): StoredAuditEntry[] {
  const entries: StoredAuditEntry[] = [];
  for (let n = 1; n <= length; n += 1) entries.push(computeNextAuditEntry(entries.at(-1), input(n), sha256));
  return entries;
}

describe('the hash of an entry', () => {
  it('is sha256 of the canonical JSON of its fields, detail as its canonical text', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const first = computeNextAuditEntry(undefined, { at: '2026-11-28T08:10:00.000Z', actor: '张三', agencyId: null, action: 'calendar.loaded', subject: 'calendar:2027', detail: { year: 2027, source: '国办发明电' } }, sha256);
    expect(first).toMatchObject({ chainId: 0, seq: 1, prevHash: GENESIS_HASH, detailJson: '{"source":"国办发明电","year":2027}' });
    const text = `{"action":"calendar.loaded","actor":"张三","agencyId":null,"at":"2026-11-28T08:10:00.000Z","detail":"{\\"source\\":\\"国办发明电\\",\\"year\\":2027}","prevHash":"${'0'.repeat(64)}","seq":1,"subject":"calendar:2027"}`;
    expect(first.hash).toBe(sha256(text));
    const second = computeNextAuditEntry(first, input(2), sha256);
    expect(second).toMatchObject({ chainId: 1, seq: 2, prevHash: first.hash });
    expect(computeEntryHash(second, sha256)).toBe(second.hash);
  });

  it('does not cover the chain: an entry written before the split hashes the same in chain 0', () => {
    const entry = computeNextAuditEntry(undefined, input(1), sha256);
    expect(entry.chainId).toBe(1);
    const text = `{"action":"application.event","actor":"u-clerk","agencyId":1,"at":"2026-11-28T08:01:00.000Z","detail":"{\\"kind\\":\\"received\\",\\"序号\\":1}","prevHash":"${'0'.repeat(64)}","seq":1,"subject":"application:CITY-2025-000001"}`;
    expect(entry.hash).toBe(sha256(text));
    const legacy: StoredAuditEntry = { ...entry, chainId: 0 };
    expect(computeEntryHash(legacy, sha256)).toBe(entry.hash);
  });

  it('refuses an entry without a UTC instant, an actor, an action code or a subject', () => {
    expect(() => computeNextAuditEntry(undefined, { ...input(1), at: '2026-11-28 08:10:00' }, sha256)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', details: { field: 'at' } }));
    expect(() => computeNextAuditEntry(undefined, { ...input(1), at: '2026-11-28T08:10:00.000+08:00' }, sha256)).toThrow(expect.objectContaining({ details: { field: 'at' } }));
    expect(() => computeNextAuditEntry(undefined, { ...input(1), actor: ' ' }, sha256)).toThrow(expect.objectContaining({ details: { field: 'actor' } }));
    expect(() => computeNextAuditEntry(undefined, { ...input(1), action: 'Approved' }, sha256)).toThrow(expect.objectContaining({ details: { field: 'action' } }));
    expect(() => computeNextAuditEntry(undefined, { ...input(1), subject: '' }, sha256)).toThrow(expect.objectContaining({ details: { field: 'subject' } }));
  });
});

describe('toAuditChainId', () => {
  it('puts an agency’s entry in the agency’s chain and a platform-wide one in chain 0', () => {
    expect(toAuditChainId(7)).toBe(7);
    expect(toAuditChainId(null)).toBe(0);
  });
});

describe('verifyAuditChain', () => {
  it('passes an intact chain and reports its length and last hash', () => {
    const entries = chain(5);
    expect(verifyAuditChain(entries, sha256)).toEqual({ count: 5, lastSeq: 5, lastHash: entries[4]?.hash, findings: [] });
    expect(verifyAuditChain([], sha256)).toEqual({ count: 0, lastSeq: null, lastHash: null, findings: [] });
  });

  it('finds an entry whose detail was changed', () => {
    const entries = chain(5).map((e) => (e.seq === 3 ? { ...e, detailJson: '{"kind":"withdrawn","序号":3}' } : e));
    expect(verifyAuditChain(entries, sha256).findings).toEqual([{ kind: 'altered', seq: 3, message: '第3条被改动：保存的哈希与按内容重新计算的哈希不符。' }]);
  });

  it('finds a changed entry whose hash was recomputed by the link of the next one', () => {
    const entries = chain(5);
    const forged = { ...entries[2]!, actor: 'u-other' };
    entries[2] = { ...forged, hash: computeEntryHash(forged, sha256) };
    expect(verifyAuditChain(entries, sha256).findings).toEqual([{ kind: 'broken_link', seq: 4, message: '第4条链接断开：其“前一条哈希”与第3条的哈希不符。' }]);
  });

  it('finds a changed prevHash twice: the entry no longer hashes right, and its link is broken', () => {
    const entries = chain(4).map((e) => (e.seq === 2 ? { ...e, prevHash: 'f'.repeat(64) } : e));
    expect(verifyAuditChain(entries, sha256).findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['altered 2', 'broken_link 2']);
  });

  it('finds missing entries in the middle and at the start', () => {
    const entries = chain(8).filter((e) => ![1, 2, 5].includes(e.seq));
    expect(verifyAuditChain(entries, sha256).findings).toEqual([
      { kind: 'missing', seq: 1, toSeq: 2, message: '第1至第2条（共2条）缺失。' },
      { kind: 'missing', seq: 5, toSeq: 5, message: '第5条缺失。' },
    ]);
  });

  it('finds a first entry that does not start from the genesis value', () => {
    const [first, ...rest] = chain(2);
    const forged = { ...first!, prevHash: 'a'.repeat(64) };
    const report = verifyAuditChain([{ ...forged, hash: computeEntryHash(forged, sha256) }, ...rest], sha256);
    expect(report.findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['bad_genesis 1', 'broken_link 2']);
    expect(report.findings[0]?.message).toBe('第1条是第一条，但其“前一条哈希”不是起始值（64个0）：链的开头被改动。');
  });

  it('cannot tell the newest entries were deleted, unless a count or an anchor kept elsewhere says so', () => {
    const entries = chain(6);
    const shorter = entries.slice(0, 4);
    expect(verifyAuditChain(shorter, sha256).findings).toEqual([]);
    expect(verifyAuditChain(shorter, sha256, { count: 6 }).findings).toEqual([
      { kind: 'missing', seq: 5, toSeq: 6, message: '第5至第6条（共2条）缺失：应至少有6条，而最后一条是第4条，末尾的记录被删除。' },
    ]);
    expect(verifyAuditChain(shorter, sha256, { anchor: { seq: 6, hash: entries[5]!.hash } }).findings.map((f) => `${f.kind} ${f.seq}-${f.toSeq}`)).toEqual(['missing 5-6']);
    // A trail that grew since the count was kept is fine.
    expect(verifyAuditChain(entries, sha256, { count: 4 }).findings).toEqual([]);
    // Every entry deleted: the chain is empty.
    expect(verifyAuditChain([], sha256, { count: 2 }).findings).toEqual([
      { kind: 'missing', seq: 1, toSeq: 2, message: '第1至第2条（共2条）缺失：应至少有2条，而现在一条也没有，全部记录被删除。' },
    ]);
  });

  it('finds a tail rewritten with fresh hashes by the anchor kept before', () => {
    const entries = chain(5);
    const anchor = { seq: 4, hash: entries[3]!.hash };
    // Rewrite from entry 3 on, recomputing every hash: the chain alone looks valid.
    const rewritten = entries.slice(0, 2);
    for (let n = 3; n <= 5; n += 1) rewritten.push(computeNextAuditEntry(rewritten.at(-1), { ...input(n), actor: 'u-forger' }, sha256));
    expect(verifyAuditChain(rewritten, sha256).findings).toEqual([]);
    expect(verifyAuditChain(rewritten, sha256, { anchor }).findings).toEqual([{ kind: 'anchor_mismatch', seq: 4, message: '第4条的哈希与留存的锚点不符：第4条及其以前的记录被改写。' }]);
    expect(verifyAuditChain(entries, sha256, { anchor }).findings).toEqual([]);
  });

  it('finds a repeated seq', () => {
    const entries = chain(3);
    expect(verifyAuditChain([...entries, entries[2]!], sha256).findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['out_of_order 3']);
  });

  it('finds an entry of another agency in an agency’s chain, but takes any agency in chain 0 (entries from before the split)', () => {
    const entries = chain(3);
    // Agency 2's entry, hashed right and linked right, but put in agency 1's chain.
    const moved = { ...entries[2]!, agencyId: 2 };
    entries[2] = { ...moved, hash: computeEntryHash(moved, sha256) };
    expect(verifyAuditChain(entries, sha256).findings).toEqual([{ kind: 'wrong_chain', seq: 3, message: '第3条不属于这条链：它记录的机关编号是2，被移入了编号1的链。' }]);
    expect(verifyAuditChain(entries.map((e) => ({ ...e, chainId: 0 })), sha256).findings).toEqual([]);
  });
});

describe('naming chains in the trail’s report', () => {
  const city = { chainId: 1, agencyCode: 'CITY', agencyName: '示范市人民政府' };
  const platform = { chainId: 0, agencyCode: null, agencyName: null };
  const altered3 = { kind: 'altered' as const, seq: 3, message: '第3条被改动：保存的哈希与按内容重新计算的哈希不符。' };

  it('names an agency’s chain by name and code, the platform’s as 全平台链, and a chain of no agency by its number', () => {
    expect(auditChainName(city)).toBe('示范市人民政府（CITY）');
    expect(auditChainName(platform)).toBe('全平台链');
    expect(auditChainName({ chainId: 7, agencyCode: null, agencyName: null })).toBe('编号7的链（无此机关）');
  });

  it('prefixes each finding with its chain and adds up the chains, the platform’s first', () => {
    const cityReport = toAuditTrailChainReport(city, { count: 5, lastSeq: 5, lastHash: 'c'.repeat(64), findings: [altered3] });
    expect(cityReport).toEqual({
      chainId: 1,
      agencyCode: 'CITY',
      agencyName: '示范市人民政府',
      count: 5,
      lastSeq: 5,
      lastHash: 'c'.repeat(64),
      findings: [{ chainId: 1, kind: 'altered', seq: 3, message: '示范市人民政府（CITY）第3条被改动：保存的哈希与按内容重新计算的哈希不符。' }],
    });
    const platformReport = toAuditTrailChainReport(platform, { count: 3, lastSeq: 3, lastHash: 'a'.repeat(64), findings: [altered3] });
    expect(platformReport.findings[0]?.message).toBe('全平台链 第3条被改动：保存的哈希与按内容重新计算的哈希不符。');
    const trail = toAuditTrailReport([cityReport, platformReport]);
    expect(trail.count).toBe(8);
    expect(trail.chains.map((c) => c.chainId)).toEqual([0, 1]);
    expect(trail.findings.map((f) => `${f.chainId} ${f.kind} ${f.seq}`)).toEqual(['0 altered 3', '1 altered 3']);
    expect(toAuditTrailReport([])).toEqual({ count: 0, chains: [], findings: [] });
  });
});
