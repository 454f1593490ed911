// The 政府信息公开目录 tree (第十二条): the default holds the 15 items of 第二十条 and the local
// items of 第二十一条 (设区的市级、县级 governments and their departments; 乡（镇）); an agency edits it.
import { DomainError } from '../domain-error.ts';

export interface CatalogueNode {
  code: string;
  parentCode: string | null;
  name: string;
  /** e.g. 第二十条第（一）项; '' for the agency's own items. */
  basis: string;
  position: number;
  active: boolean;
}

/** Agency levels as stored in agencies.level. */
export type AgencyLevel = 'national' | 'provincial' | 'municipal' | 'county' | 'township';

export function defaultCatalogue(level: AgencyLevel): CatalogueNode[] {
  void level;
  throw new DomainError('BAD_INPUT', 'defaultCatalogue: not built yet', '尚未实现');
}

/** Unique codes, parents that exist, no cycles, non-empty names; throws BAD_INPUT in Chinese. */
export function validateCatalogue(nodes: readonly CatalogueNode[]): void {
  void nodes;
  throw new DomainError('BAD_INPUT', 'validateCatalogue: not built yet', '尚未实现');
}
