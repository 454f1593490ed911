import { describe, expect, it } from 'vitest';
import { chinaMidnight, escapeXml, renderAtomFeed, renderSitemap } from './portal-feeds.ts';

describe('portal feeds', () => {
  it('escapes the five XML characters and drops control characters XML 1.0 forbids', () => {
    expect(escapeXml(`a<b>&"c"'d'\u0001\u0008e\tf\n`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;e\tf\n');
  });

  it('a sitemap entry with and without lastmod', () => {
    expect(renderSitemap([{ loc: 'http://x/a?b=1&c=2' }, { loc: 'http://x/p/1', lastmod: '2025-01-02' }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n<url><loc>http://x/a?b=1&amp;c=2</loc></url>\n<url><loc>http://x/p/1</loc><lastmod>2025-01-02</lastmod></url>\n</urlset>\n',
    );
  });

  it('the feed is updated when its newest entry changed; an empty feed uses the fallback', () => {
    const entry = (title: string, updated: string) => ({ title, link: `http://x/${title}`, publishedOn: '2025-03-01', updated, summary: '', author: '局' });
    const xml = renderAtomFeed({ title: 'T', link: 'http://x/', self: 'http://x/feed.atom', fallbackUpdated: '1970-01-01T00:00:00.000Z', entries: [entry('a', '2025-03-01T01:00:00.000Z'), entry('b', '2025-05-01T08:00:00.000Z')] });
    expect(xml).toContain('<id>http://x/feed.atom</id>\n<updated>2025-05-01T08:00:00.000Z</updated>');
    expect(xml).not.toContain('<summary');
    expect(renderAtomFeed({ title: 'T', link: 'http://x/', self: 'http://x/f', fallbackUpdated: '1970-01-01T00:00:00.000Z', entries: [] })).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
    expect(chinaMidnight('2025-03-01')).toBe('2025-03-01T00:00:00+08:00');
  });
});
