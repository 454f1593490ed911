// An agency's 主动公开 settings as the publication service reads them: 统一社会信用代码, 索引号
// rule, review chain, 保密审查 checklist, screening word lists and catalogue codes. Defaults
// apply where the agency has set nothing.
import type { Kysely } from 'kysely';
import type { ChecklistQuestion } from '../../domain/publication/confidentiality-checklist.ts';
import type { CatalogueNode } from '../../domain/publication/catalogue.ts';
import type { ReviewStep } from '../../domain/publication/publication.ts';
import type { ScreeningTerm } from '../../domain/publication/screen-text.ts';
import type { Database } from '../db/database.ts';

export interface DisclosureSettings {
  creditCode: string | null;
  /** The agency's rule, or DEFAULT_INDEX_NUMBER_PATTERN. */
  indexNumberPattern: string;
  /** The agency's chain, or DEFAULT_REVIEW_CHAIN. */
  reviewChain: readonly ReviewStep[];
  /** The agency's questions, or DEFAULT_CONFIDENTIALITY_CHECKLIST. */
  checklist: readonly ChecklistQuestion[];
  /** The agency's sensitive words and 错敏词, plus the built-in 错敏词 list. */
  screeningTerms: readonly ScreeningTerm[];
  /** The agency's catalogue (the default for its level until edited). */
  catalogue: readonly CatalogueNode[];
}

export async function findDisclosureSettings(db: Kysely<Database>, agencyId: number): Promise<DisclosureSettings> {
  void db;
  void agencyId;
  throw new Error('findDisclosureSettings: not built yet');
}
