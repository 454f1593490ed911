// application_id_proofs: the 身份证明 of an online application. SQL only.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export interface StoredIdProof {
  applicationId: number;
  mediaType: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

export async function insertIdProof(db: Kysely<Database>, input: { agencyId: number; applicationId: number; mediaType: string; bytes: Uint8Array }): Promise<void> {
  await db
    .insertInto('application_id_proofs')
    .values({
      agency_id: input.agencyId,
      application_id: input.applicationId,
      media_type: input.mediaType,
      size: input.bytes.byteLength,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      content: input.bytes,
    })
    .execute();
}

export async function findIdProof(db: Kysely<Database>, agencyId: number, applicationId: number): Promise<StoredIdProof | undefined> {
  const row = await db
    .selectFrom('application_id_proofs')
    .select(['application_id', 'media_type', 'size', 'sha256', 'content'])
    .where('agency_id', '=', agencyId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { applicationId: row.application_id, mediaType: row.media_type, size: row.size, sha256: row.sha256, bytes: new Uint8Array(row.content) };
}

/** The case's id and agency by tracking number (upper case, as stored); undefined when none. */
export async function findApplicationRef(db: Kysely<Database>, trackingNumber: string): Promise<{ id: number; agencyId: number } | undefined> {
  const row = await db.selectFrom('applications').select(['id', 'agency_id']).where('tracking_number', '=', trackingNumber).executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, agencyId: row.agency_id };
}
