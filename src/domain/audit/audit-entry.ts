// One entry of the platform's audit trail: who did what to which subject, when. The trail is
// append-only and hash-chained: each entry carries the hash of the one before it in its chain, so
// changing or removing an entry breaks the chain (verify-audit-chain.ts finds where). There is one
// chain per agency and one for platform-wide entries (chain 0), so agencies do not wait for each
// other's appends and the trail can be distributed by agency (docs/decisions/0005).
//
// Hashing takes the SHA-256 function as an argument: the domain stays free of node:crypto, and the
// server passes sha256Hex (src/server/audit/sha256-hex.ts). The rule for what is hashed lives here,
// beside the verifier, so the writer and the checker cannot disagree.
import { DomainError } from '../domain-error.ts';
import type { JsonObject } from './canonical-json.ts';
import { canonicalJson } from './canonical-json.ts';

/** The prevHash of the first entry: 64 zeros (no entry before it). */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain of platform-wide entries (agencyId null), and of every entry written before the split. */
export const PLATFORM_CHAIN_ID = 0;

/** The chain a new entry is appended to: its agency's (numbered by the agency id), or the platform's. */
export function toAuditChainId(agencyId: number | null): number {
  return agencyId ?? PLATFORM_CHAIN_ID;
}

/** A SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex digits. */
export type Sha256 = (text: string) => string;

/** What was done, e.g. 'application.event', 'publication.approved', 'settings.changed', 'calendar.loaded', 'user.login'. */
export type AuditAction = string;

/** An entry as stored: detail is the canonical JSON text, exactly the bytes that were hashed. */
export interface StoredAuditEntry {
  /**
   * The chain it belongs to (toAuditChainId of a new entry). Not hashed: the entries written before
   * the split (migration 2026-11-28T12-00) all sit in chain 0, whatever their agency, with the
   * hashes they were written with.
   */
  chainId: number;
  /** 1, 2, 3 … within its chain, assigned by the writer with no gaps, so a missing entry shows. */
  seq: number;
  /** UTC instant, as Date.prototype.toISOString writes it: 2026-11-28T08:10:00.000Z. */
  at: string;
  /** The user id, or a system actor such as 'system:calendar'. */
  actor: string;
  /** null for platform-wide actions (a calendar year, a login). */
  agencyId: number | null;
  action: AuditAction;
  /** What it was done to, e.g. 'application:CITY-2025-000001'. */
  subject: string;
  /** canonicalJson(detail). */
  detailJson: string;
  prevHash: string;
  hash: string;
}

/** An entry as read back for display: detail parsed; null when the stored text is not a JSON object (tampering). */
export interface AuditEntry extends StoredAuditEntry {
  detail: JsonObject | null;
}

/** What a caller gives to append an entry; chainId, seq, prevHash and hash are the writer's. */
export interface AuditEntryInput {
  at: string;
  actor: string;
  agencyId: number | null;
  action: AuditAction;
  subject: string;
  detail: JsonObject;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-zA-Z0-9_]*)+$/;

/**
 * Checks an entry before it is written. `at` must be the toISOString form (UTC, milliseconds):
 * the trail is filtered by comparing these strings, which only orders correctly in one format.
 */
export function validateAuditEntryInput(input: AuditEntryInput): void {
  if (!ISO_INSTANT.test(input.at) || Number.isNaN(Date.parse(input.at))) {
    throw new DomainError('BAD_INPUT', `audit entry at must be an ISO instant in UTC like 2026-11-28T08:10:00.000Z, got ${input.at}`, `审计记录的“时间”须为 UTC 时刻，如 2026-11-28T08:10:00.000Z（收到：${input.at}）`, { field: 'at' });
  }
  if (input.actor.trim() === '') throw new DomainError('BAD_INPUT', 'audit entry actor is empty', '审计记录缺少“操作人”', { field: 'actor' });
  if (!ACTION.test(input.action)) {
    throw new DomainError('BAD_INPUT', `audit entry action must look like 'application.event', got ${input.action}`, `审计记录的“操作”须为 application.event 这样的代码（收到：${input.action}）`, { field: 'action' });
  }
  if (input.subject.trim() === '') throw new DomainError('BAD_INPUT', 'audit entry subject is empty', '审计记录缺少“对象”', { field: 'subject' });
  if (input.agencyId !== null && !(Number.isSafeInteger(input.agencyId) && input.agencyId > 0)) {
    throw new DomainError('BAD_INPUT', `audit entry agencyId must be a positive integer or null, got ${input.agencyId}`, '审计记录的“机关”编号无效', { field: 'agencyId' });
  }
}

/**
 * The hash of an entry: sha256 of the canonical JSON of every stored field but the hash itself
 * (detail as its canonical text, so any change to the stored bytes shows).
 */
export function computeEntryHash(entry: Omit<StoredAuditEntry, 'hash' | 'chainId'>, sha256: Sha256): string {
  return sha256(
    canonicalJson({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actor,
      agencyId: entry.agencyId,
      action: entry.action,
      subject: entry.subject,
      detail: entry.detailJson,
      prevHash: entry.prevHash,
    }),
  );
}

/**
 * The next entry after `previous`, the last entry of the chain toAuditChainId(input.agencyId)
 * (undefined: that chain is empty, and the entry starts it from GENESIS_HASH), hashed.
 */
export function computeNextAuditEntry(previous: { seq: number; hash: string } | undefined, input: AuditEntryInput, sha256: Sha256): StoredAuditEntry {
  validateAuditEntryInput(input);
  const content = {
    chainId: toAuditChainId(input.agencyId),
    seq: previous === undefined ? 1 : previous.seq + 1,
    at: input.at,
    actor: input.actor,
    agencyId: input.agencyId,
    action: input.action,
    subject: input.subject,
    detailJson: canonicalJson(input.detail),
    prevHash: previous === undefined ? GENESIS_HASH : previous.hash,
  };
  return { ...content, hash: computeEntryHash(content, sha256) };
}
