// The portal's one stylesheet: portal.css plus the annual report's style (the report pages may not
// inline it: the CSP allows no inline style). Served with a content hash in the URL, so browsers
// keep it for a year and a new deploy is fetched at once.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_HTML_STYLE } from '../../domain/report/render/report-html-style.ts';

export const PORTAL_CSS = `${readFileSync(join(import.meta.dirname, 'assets', 'portal.css'), 'utf8')}\n/* annual reports */\n${REPORT_HTML_STYLE.trim()}\n`;

export const PORTAL_CSS_HASH = createHash('sha256').update(PORTAL_CSS).digest('hex').slice(0, 16);

export const PORTAL_CSS_ETAG = `"${PORTAL_CSS_HASH}"`;
