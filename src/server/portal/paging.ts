// Paging of the portal's lists: which page, how many, and which page links to show (first, last,
// and two either side of the current one, with gaps between).

export const PORTAL_PAGE_SIZE = 20;

export interface PageWindow {
  page: number;
  pageCount: number;
  offset: number;
  limit: number;
  /** 1-based number of the first item shown, 0 when there is none. */
  firstItem: number;
  lastItem: number;
}

/** null when `page` lies past the last page (page 1 always exists, even for an empty list). */
export function pageWindow(total: number, page: number, size = PORTAL_PAGE_SIZE): PageWindow | null {
  const pageCount = Math.max(1, Math.ceil(total / size));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return null;
  const offset = (page - 1) * size;
  return { page, pageCount, offset, limit: size, firstItem: total === 0 ? 0 : offset + 1, lastItem: Math.min(total, offset + size) };
}

/** The page numbers to link, with null for a gap: 1 … 4 5 [6] 7 8 … 20. */
export function pageLinks(page: number, pageCount: number, around = 2): (number | null)[] {
  const shown = new Set<number>([1, pageCount]);
  for (let p = page - around; p <= page + around; p += 1) if (p >= 1 && p <= pageCount) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const links: (number | null)[] = [];
  sorted.forEach((p, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && p - previous > 1) links.push(previous + 1 === p - 1 ? previous + 1 : null);
    links.push(p);
  });
  return links;
}

/** ?page=N as typed: absent is 1; anything but a positive integer of ≤ 6 digits is null. */
export function parsePageParam(raw: unknown): number | null {
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}
