// Kysely schema types. STUB — being written.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
