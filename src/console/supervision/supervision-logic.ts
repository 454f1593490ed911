// Pure helpers of the 监督汇总 screens: which year to show first, the screen's paths, the filters.
import type { SupervisedAgency, SupervisionStatus } from './supervision-api.ts';

/** The server accepts years from 2019 (supervision.service.ts MIN_SUPERVISION_YEAR). */
export const FIRST_YEAR = 2019;

export const STATUS_OPTIONS: readonly { value: SupervisionStatus; label: string; color: string }[] = [
  { value: 'notStarted', label: '未开始', color: 'default' },
  { value: 'draft', label: '草稿', color: 'blue' },
  { value: 'inReview', label: '审核中', color: 'processing' },
  { value: 'finalized', label: '已定稿', color: 'orange' },
  { value: 'published', label: '已发布', color: 'green' },
];

/** The calendar year in China on the given instant. */
export function chinaYear(now: Date): number {
  return Number(now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
}

/** Last year's reports are the ones due (by 31 January) and watched all year. */
export function defaultYear(now: Date): number {
  return chinaYear(now) - 1;
}

/** Years to pick from, newest first: this year down to the first the server knows. */
export function yearOptions(now: Date): number[] {
  const years: number[] = [];
  for (let year = chinaYear(now); year >= FIRST_YEAR; year -= 1) years.push(year);
  return years;
}

export interface SupervisionRoute {
  /** The agency whose subtree is shown. */
  agency: string;
  year: number;
  /** An agency of the subtree opened in detail, or null for the overview. */
  child: string | null;
}

/**
 * "/supervision" → the current agency and the default year; "/supervision/city/2025" → that
 * subtree and year; "/supervision/city/2025/bureau-a" → one agency's details. null: not a page here.
 */
export function parseSupervisionPath(path: string, currentAgency: string, fallbackYear: number): SupervisionRoute | null {
  const parts = path.split('/').filter((part) => part !== '');
  if (parts[0] !== 'supervision' || parts.length > 4) return null;
  if (parts.length === 1) return { agency: currentAgency, year: fallbackYear, child: null };
  const agency = decodeURIComponent(parts[1] ?? '');
  if (parts.length === 2) return { agency, year: fallbackYear, child: null };
  if (!/^\d{4}$/.test(parts[2] ?? '')) return null;
  const year = Number(parts[2]);
  return { agency, year, child: parts.length === 4 ? decodeURIComponent(parts[3] ?? '') : null };
}

export function supervisionPath(route: SupervisionRoute): string {
  const head = `/supervision/${encodeURIComponent(route.agency)}/${route.year}`;
  return route.child === null ? head : `${head}/${encodeURIComponent(route.child)}`;
}

/**
 * The link with the view's snapshot id, so the server answers from the roll-up on screen (an
 * expired or unknown id is simply recomputed there). null: the link as it is.
 */
export function withSnapshot(link: string, snapshot: string | null): string {
  if (snapshot === null) return link;
  return `${link}${link.includes('?') ? '&' : '?'}snapshot=${encodeURIComponent(snapshot)}`;
}

/** An ISO instant on China's clock (UTC+8, no daylight saving): "2026-11-28 17:30". */
export function chinaDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The server's console links start with /console; navigate() wants the path inside the console. */
export function insideConsole(link: string): string {
  return link.startsWith('/console/') ? link.slice('/console'.length) : link;
}

export interface AgencyFilter {
  status: SupervisionStatus | null;
  lateOnly: boolean;
}

export function filterAgencies(agencies: readonly SupervisedAgency[], filter: AgencyFilter): SupervisedAgency[] {
  return agencies.filter((a) => (filter.status === null || a.status === filter.status) && (!filter.lateOnly || a.late));
}

/**
 * The sum of the agencies' values as the 汇总表 prints it: whole numbers for counts, four decimals
 * for 行政事业性收费 (万元, strings); null when every agency left the cell blank.
 */
export function sumValues(values: readonly (number | string | null)[]): number | string | null {
  const present = values.filter((v): v is number | string => v !== null);
  if (present.length === 0) return null;
  if (present.some((v) => typeof v === 'string')) {
    // Ten-thousandths as integers, so 0.1 + 0.2 stays exact.
    const units = present.reduce<number>((sum, v) => sum + Math.round(Number(v) * 10000), 0);
    return (units / 10000).toFixed(4);
  }
  return present.reduce<number>((sum, v) => sum + Number(v), 0);
}
