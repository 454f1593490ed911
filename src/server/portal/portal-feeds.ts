// sitemap.xml (sitemaps.org 0.9) and each agency's Atom 1.0 feed of its newest publications.
// XML is built from escaped text only; characters XML 1.0 forbids are dropped first.

/** Escapes & < > " ' and drops the control characters XML 1.0 does not allow. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

export interface SitemapEntry {
  /** Absolute URL. */
  loc: string;
  /** YYYY-MM-DD or an ISO timestamp. */
  lastmod?: string | null;
}

export function renderSitemap(entries: readonly SitemapEntry[]): string {
  const urls = entries.map(
    (entry) => `<url><loc>${escapeXml(entry.loc)}</loc>${entry.lastmod ? `<lastmod>${escapeXml(entry.lastmod)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

export interface FeedEntry {
  title: string;
  /** Absolute URL of the page. */
  link: string;
  /** Publication day YYYY-MM-DD (midnight in China). */
  publishedOn: string;
  /** Last change, ISO 8601. */
  updated: string;
  summary: string;
  author: string;
}

export interface Feed {
  title: string;
  /** Absolute URL of the agency's portal page. */
  link: string;
  /** Absolute URL of the feed itself. */
  self: string;
  entries: readonly FeedEntry[];
  /** When there are no entries. */
  fallbackUpdated: string;
}

/** A day as an RFC 3339 timestamp at 00:00 China time. */
export function chinaMidnight(day: string): string {
  return `${day}T00:00:00+08:00`;
}

export function renderAtomFeed(feed: Feed): string {
  const updated = feed.entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), feed.entries.length === 0 ? feed.fallbackUpdated : '');
  const entries = feed.entries.map((entry) =>
    [
      '<entry>',
      `<title type="text">${escapeXml(entry.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(entry.link)}"/>`,
      `<id>${escapeXml(entry.link)}</id>`,
      `<published>${escapeXml(chinaMidnight(entry.publishedOn))}</published>`,
      `<updated>${escapeXml(entry.updated)}</updated>`,
      `<author><name>${escapeXml(entry.author)}</name></author>`,
      entry.summary.trim() === '' ? '' : `<summary type="text">${escapeXml(entry.summary.trim())}</summary>`,
      '</entry>',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<title type="text">${escapeXml(feed.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.link)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `<id>${escapeXml(feed.self)}</id>`,
    `<updated>${escapeXml(updated)}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
