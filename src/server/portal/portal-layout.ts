// The frame of every portal page: lang="zh-CN", title and description, the agency's header and
// navigation, main content, footer. No script: the portal works without JavaScript, and the
// Content-Security-Policy (portal-security.ts) allows none.
import type { SafeHtml } from './html.ts';
import { html } from './html.ts';
import { PORTAL_CSS_HASH } from './portal-assets.ts';

export interface PortalAgency {
  code: string;
  name: string;
}

export interface PortalPageInput {
  /** <title>: "page · agency · 政府信息公开" is built here from the parts. */
  title: string;
  description: string;
  /** null on the platform's home page. */
  agency: PortalAgency | null;
  /** Key of the current navigation item (guide, catalogue, statutory, search, reports, apply, status). */
  current?: string;
  /** Breadcrumb after the agency: [label, href | null]. */
  breadcrumb?: readonly (readonly [string, string | null])[];
  body: SafeHtml;
  /** Pages that must not be stored by browsers or proxies (receipts, status). */
  noStore?: boolean;
}

export const PORTAL_STYLESHEET_PATH = '/assets/portal.css';

const NAV: readonly (readonly [key: string, label: string, path: string])[] = [
  ['home', '首页', ''],
  ['guide', '信息公开指南', 'guide'],
  ['catalogue', '信息公开目录', 'catalogue'],
  ['statutory', '法定主动公开内容', 'statutory'],
  ['search', '搜索', 'search'],
  ['reports', '年度报告', 'reports'],
  ['apply', '依申请公开', 'apply'],
];

export function agencyPath(agency: PortalAgency, path = ''): string {
  return `/${encodeURIComponent(agency.code)}/${path}`;
}

export function renderPortalPage(input: PortalPageInput): string {
  const { agency } = input;
  const fullTitle = [input.title, agency?.name, '政府信息公开'].filter((part) => part !== undefined && part !== '').join(' - ');
  const nav =
    agency === null
      ? html``
      : html`<nav class="site-nav" aria-label="栏目导航"><ul>${NAV.map(
          ([key, label, path]) => html`<li><a href="${agencyPath(agency, path)}"${input.current === key ? html` aria-current="page"` : html``}>${label}</a></li>`,
        )}</ul></nav>`;
  const crumbs =
    agency === null || input.breadcrumb === undefined || input.breadcrumb.length === 0
      ? html``
      : html`<nav class="breadcrumb" aria-label="当前位置"><ol><li><a href="${agencyPath(agency)}">${agency.name}</a></li>${input.breadcrumb.map(
          ([label, href]) => (href === null ? html`<li aria-current="page">${label}</li>` : html`<li><a href="${href}">${label}</a></li>`),
        )}</ol></nav>`;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${input.description}">
<link rel="stylesheet" href="${PORTAL_STYLESHEET_PATH}?v=${PORTAL_CSS_HASH}">
${agency === null ? html`` : html`<link rel="alternate" type="application/atom+xml" title="${agency.name}最新公开信息" href="${agencyPath(agency, 'feed.atom')}">`}
</head>
<body>
<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header"><div class="wrap">
<p class="site-title">${agency === null ? html`<a href="/">政府信息公开平台</a>` : html`<a href="${agencyPath(agency)}">${agency.name}</a> <span>政府信息公开专栏</span>`}</p>
${nav}
</div></header>
<main id="main" class="wrap" tabindex="-1">
${crumbs}
${input.body}
</main>
<footer class="site-footer"><div class="wrap"><p>${agency === null ? '政府信息公开平台' : agency.name} · 依据《中华人民共和国政府信息公开条例》公开</p><p><a href="/">返回平台首页</a></p></div></footer>
</body>
</html>
`.value;
}
