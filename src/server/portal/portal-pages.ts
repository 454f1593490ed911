// The portal's pages as pure functions of their data: each returns a whole HTML document through
// renderPortalPage. Every value goes through the html`` template (escaped); the only trusted
// markup is a publication body (sanitised when saved), the search highlighter's output (escaped
// with <mark> added) and the rendered annual report (escaped by its renderer).
import type { CatalogueNode } from '../../domain/publication/catalogue.ts';
import { ARTICLE_20_ITEMS } from '../../domain/publication/catalogue.ts';
import type { DisclosureGuide } from '../../domain/publication/disclosure-guide.ts';
import { DISCLOSURE_GUIDE_LABELS } from '../../domain/publication/disclosure-guide.ts';
import { PUBLICATION_KINDS, VALIDITY_STATUSES } from '../../domain/publication/publication.ts';
import type { SearchHit } from '../search/publication-search.ts';
import type { SafeHtml } from './html.ts';
import { html, trusted } from './html.ts';
import type { PageWindow } from './paging.ts';
import { pageLinks } from './paging.ts';
import type { PortalAgency } from './portal-layout.ts';
import { agencyPath, renderPortalPage } from './portal-layout.ts';
import type { PortalAgencyRow, PublicAttachment, PublishedItem, PublishedListItem } from './portal.repository.ts';

export const VALIDITY_LABELS: Record<string, string> = Object.fromEntries(VALIDITY_STATUSES.map((s) => [s.code, s.label]));
const KIND_LABELS: Record<string, string> = Object.fromEntries(PUBLICATION_KINDS.map((k) => [k.code, k.label]));

// ---------------------------------------------------------------- small parts

export function publicationPath(agency: PortalAgency, id: number): string {
  return agencyPath(agency, `publications/${id}`);
}

export function cataloguePath(agency: PortalAgency, code: string, page = 1): string {
  return agencyPath(agency, `catalogue/${encodeURIComponent(code)}${page > 1 ? `?page=${page}` : ''}`);
}

/** 1 234 567 bytes → "1.2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function validityTag(validity: string): SafeHtml {
  return validity === 'effective' ? html`` : html`<span class="tag">${VALIDITY_LABELS[validity] ?? validity}</span>`;
}

function itemList(agency: PortalAgency, items: readonly PublishedListItem[], empty: string): SafeHtml {
  if (items.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<ul class="item-list">${items.map(
    (item) =>
      html`<li><span class="item-title"><a href="${publicationPath(agency, item.id)}">${item.title}</a>${validityTag(item.validity)}</span><span class="item-date">${item.publishedOn}</span></li>`,
  )}</ul>`;
}

/** Page links keeping the other query parameters (already encoded, without page). */
export function pager(window: PageWindow, total: number, hrefOf: (page: number) => string): SafeHtml {
  if (window.pageCount <= 1) return html``;
  const links = pageLinks(window.page, window.pageCount);
  return html`<nav class="pager" aria-label="分页"><ul>${window.page > 1 ? html`<li><a href="${hrefOf(window.page - 1)}" rel="prev">上一页</a></li>` : html``}${links.map((p) =>
    p === null
      ? html`<li><span class="gap" aria-hidden="true">…</span></li>`
      : p === window.page
        ? html`<li><span aria-current="page">${p}</span></li>`
        : html`<li><a href="${hrefOf(p)}" aria-label="第 ${p} 页">${p}</a></li>`,
  )}${window.page < window.pageCount ? html`<li><a href="${hrefOf(window.page + 1)}" rel="next">下一页</a></li>` : html``}</ul><p>第 ${window.page} / ${window.pageCount} 页，共 ${total} 条</p></nav>`;
}

// ---------------------------------------------------------------- platform home

/** Agencies grouped under their parents (an agency whose parent is not hosted is a top-level one). */
export function renderPlatformHome(agencies: readonly PortalAgencyRow[]): string {
  const ids = new Set(agencies.map((a) => a.id));
  const childrenOf = (id: number | null): PortalAgencyRow[] =>
    agencies.filter((a) => (id === null ? a.parentId === null || !ids.has(a.parentId) : a.parentId === id));
  const seen = new Set<number>();
  const branch = (agency: PortalAgencyRow): SafeHtml => {
    seen.add(agency.id);
    const children = childrenOf(agency.id).filter((child) => !seen.has(child.id));
    return html`<li><a href="${agencyPath(agency)}">${agency.name}</a>${children.length === 0 ? html`` : html`<ul>${children.map(branch)}</ul>`}</li>`;
  };
  const roots = childrenOf(null);
  const body = html`<h1>政府信息公开平台</h1>
<p class="lead">依据《中华人民共和国政府信息公开条例》，以下机关在本平台设有政府信息公开专栏。请选择机关，查阅其政府信息公开指南、目录、主动公开内容和年度报告，或在线提出政府信息公开申请。</p>
<h2>机关名录</h2>
${roots.length === 0 ? html`<p class="empty">本平台暂无机关。</p>` : html`<ul class="agency-groups">${roots.map(branch)}</ul>`}
<h2>年度报告检查工具</h2>
<p>上传或粘贴任何一份已发布的政府信息公开工作年度报告，按国家格式逐表逐项检查：<a href="/tools/lint">打开年度报告检查工具</a></p>
<h2>工作人员入口</h2>
<p>机关工作人员请登录工作平台办理政府信息公开工作：<a href="/console/">登录工作平台</a></p>`;
  return renderPortalPage({ title: '首页', description: '政府信息公开平台：各机关的政府信息公开专栏。', agency: null, body });
}

// ---------------------------------------------------------------- agency home

const SECTIONS: readonly (readonly [path: string, label: string, hint: string])[] = [
  ['guide', '信息公开指南', '公开的分类、编排体系、获取方式和工作机构'],
  ['catalogue', '信息公开目录', '按目录分类查阅全部主动公开信息'],
  ['statutory', '法定主动公开内容', '按条例第二十条所列事项查阅'],
  ['search', '搜索', '按关键词、类别、年度和有效性检索'],
  ['reports', '年度报告', '政府信息公开工作年度报告'],
  ['apply', '依申请公开', '在线提出政府信息公开申请'],
];

export function renderAgencyHome(agency: PortalAgency, latest: readonly PublishedListItem[], total: number): string {
  const body = html`<h1>${agency.name}政府信息公开专栏</h1>
<p class="lead">本专栏公开${agency.name}依法主动公开的政府信息，现有主动公开信息 ${total} 条。</p>
<h2>栏目</h2>
<ul class="sections">${SECTIONS.map(([path, label, hint]) => html`<li><a href="${agencyPath(agency, path)}"><strong>${label}</strong><span>${hint}</span></a></li>`)}</ul>
<h2>最新公开</h2>
${itemList(agency, latest, '暂无主动公开信息。')}
<p><a href="${agencyPath(agency, 'catalogue')}">查看全部信息</a> · <a href="${agencyPath(agency, 'feed.atom')}">订阅最新信息（Atom）</a></p>`;
  return renderPortalPage({ title: '首页', description: `${agency.name}政府信息公开专栏：指南、目录、法定主动公开内容、搜索、年度报告和依申请公开。`, agency, current: 'home', body });
}

// ---------------------------------------------------------------- guide

const GUIDE_PROSE: readonly (keyof DisclosureGuide)[] = ['classification', 'arrangement', 'howToObtain'];
const GUIDE_CONTACT: readonly (keyof DisclosureGuide)[] = ['officeName', 'officeAddress', 'officeHours', 'phone', 'fax', 'internetContact'];

function paragraphs(text: string): SafeHtml {
  const parts = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  return html`${parts.map((part) => html`<p>${part}</p>`)}`;
}

export function renderGuide(agency: PortalAgency, guide: { version: number; fields: DisclosureGuide; createdAt: string } | undefined): string {
  const body =
    guide === undefined
      ? html`<h1>政府信息公开指南</h1><p class="empty">本机关尚未发布政府信息公开指南。如需了解，请通过“依申请公开”栏目或本机关的联系方式咨询。</p>`
      : html`<h1>${agency.name}政府信息公开指南</h1>
<p class="lead">第 ${guide.version} 版，更新于 ${guide.createdAt.slice(0, 10)}。依据《中华人民共和国政府信息公开条例》第十二条编制。</p>
${GUIDE_PROSE.map((key, index) => html`<section class="guide-section"><h2>${['一', '二', '三'][index]}、${DISCLOSURE_GUIDE_LABELS[key]}</h2>${paragraphs(guide.fields[key])}</section>`)}
<section class="guide-section"><h2>四、政府信息公开工作机构</h2>
<dl class="meta">${GUIDE_CONTACT.map((key) => html`<dt>${DISCLOSURE_GUIDE_LABELS[key] === '政府信息公开工作机构名称' ? '机构名称' : DISCLOSURE_GUIDE_LABELS[key]}</dt><dd>${guide.fields[key] === '' ? '无' : guide.fields[key]}</dd>`)}</dl></section>`;
  return renderPortalPage({
    title: '信息公开指南',
    description: `${agency.name}政府信息公开指南：政府信息的分类、编排体系、获取方式和政府信息公开工作机构的联系方式。`,
    agency,
    current: 'guide',
    breadcrumb: [['信息公开指南', null]],
    body,
  });
}

// ---------------------------------------------------------------- catalogue

export interface CatalogueTree {
  nodes: readonly CatalogueNode[];
  childrenOf(code: string | null): CatalogueNode[];
  /** Items of the node and every node under it. */
  subtreeCount(code: string): number;
  subtreeCodes(code: string): string[];
  ancestors(code: string): CatalogueNode[];
  byCode(code: string): CatalogueNode | undefined;
}

export function buildCatalogueTree(nodes: readonly CatalogueNode[], counts: ReadonlyMap<string, number>): CatalogueTree {
  const map = new Map(nodes.map((node) => [node.code, node]));
  // A node whose parent is inactive or missing is shown at the top.
  const parentOf = (node: CatalogueNode): string | null => (node.parentCode !== null && map.has(node.parentCode) ? node.parentCode : null);
  const children = new Map<string | null, CatalogueNode[]>();
  for (const node of nodes) {
    const key = parentOf(node);
    const list = children.get(key) ?? [];
    list.push(node);
    children.set(key, list);
  }
  const childrenOf = (code: string | null) => children.get(code) ?? [];
  const subtreeCodes = (code: string): string[] => {
    const codes = [code];
    for (let i = 0; i < codes.length && i < nodes.length; i += 1) for (const child of childrenOf(codes[i]!)) codes.push(child.code);
    return codes;
  };
  return {
    nodes,
    childrenOf,
    subtreeCodes,
    subtreeCount: (code) => subtreeCodes(code).reduce((sum, c) => sum + (counts.get(c) ?? 0), 0),
    ancestors(code) {
      const chain: CatalogueNode[] = [];
      let current = map.get(code);
      while (current !== undefined && parentOf(current) !== null && chain.length < nodes.length) {
        current = map.get(parentOf(current)!);
        if (current !== undefined) chain.unshift(current);
      }
      return chain;
    },
    byCode: (code) => map.get(code),
  };
}

export function renderCatalogue(agency: PortalAgency, tree: CatalogueTree, total: number): string {
  const branch = (nodes: readonly CatalogueNode[]): SafeHtml =>
    html`<ul${nodes === tree.childrenOf(null) ? html` class="tree"` : html``}>${nodes.map((node) => {
      const children = tree.childrenOf(node.code);
      return html`<li><a href="${cataloguePath(agency, node.code)}">${node.name}</a> <span class="count">（${tree.subtreeCount(node.code)} 条）</span>${node.basis === '' ? html`` : html` <span class="basis">${node.basis}</span>`}${children.length === 0 ? html`` : branch(children)}</li>`;
    })}</ul>`;
  const roots = tree.childrenOf(null);
  const body = html`<h1>政府信息公开目录</h1>
<p class="lead">${agency.name}主动公开的政府信息按以下目录分类编排，共 ${total} 条。括号内为该类（含下级分类）的信息条数。</p>
${roots.length === 0 ? html`<p class="empty">目录暂无分类。</p>` : branch(roots)}`;
  return renderPortalPage({
    title: '信息公开目录',
    description: `${agency.name}政府信息公开目录：按分类查阅主动公开的政府信息。`,
    agency,
    current: 'catalogue',
    breadcrumb: [['信息公开目录', null]],
    body,
  });
}

export function renderCatalogueNode(
  agency: PortalAgency,
  tree: CatalogueTree,
  node: CatalogueNode,
  items: readonly PublishedListItem[],
  window: PageWindow,
  total: number,
): string {
  const children = tree.childrenOf(node.code);
  const crumbs: [string, string | null][] = [['信息公开目录', agencyPath(agency, 'catalogue')], ...tree.ancestors(node.code).map((a): [string, string | null] => [a.name, cataloguePath(agency, a.code)]), [node.name, null]];
  const body = html`<h1>${node.name}</h1>
${node.basis === '' ? html`` : html`<p class="lead">依据：《中华人民共和国政府信息公开条例》${node.basis}</p>`}
${children.length === 0 ? html`` : html`<h2>下级分类</h2><ul class="tree">${children.map((child) => html`<li><a href="${cataloguePath(agency, child.code)}">${child.name}</a> <span class="count">（${tree.subtreeCount(child.code)} 条）</span></li>`)}</ul>`}
<h2>信息列表</h2>
<p class="muted">共 ${total} 条${total === 0 ? '' : `，当前显示第 ${window.firstItem}–${window.lastItem} 条`}。</p>
${itemList(agency, items, '本分类暂无主动公开信息。')}
${pager(window, total, (page) => cataloguePath(agency, node.code, page))}`;
  return renderPortalPage({
    title: window.page > 1 ? `${node.name}（第 ${window.page} 页）` : node.name,
    description: `${agency.name}政府信息公开目录“${node.name}”下的主动公开信息，共 ${total} 条。`,
    agency,
    current: 'catalogue',
    breadcrumb: crumbs,
    body,
  });
}

// ---------------------------------------------------------------- 第二十条

export interface StatutoryGroup {
  code: string;
  name: string;
  basis: string;
  /** Whether the agency's catalogue has this item (else no listing link). */
  inCatalogue: boolean;
  total: number;
  items: PublishedListItem[];
}

export const STATUTORY_ITEMS_SHOWN = 5;

export function article20Codes(): { code: string; name: string; basis: string }[] {
  const numbers = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
  return ARTICLE_20_ITEMS.map((name, index) => ({ code: `a20-${String(index + 1).padStart(2, '0')}`, name, basis: `第二十条第（${numbers[index]}）项` }));
}

export function renderStatutory(agency: PortalAgency, groups: readonly StatutoryGroup[]): string {
  const body = html`<h1>法定主动公开内容</h1>
<p class="lead">《中华人民共和国政府信息公开条例》第二十条规定行政机关应当主动公开的政府信息，按所列事项逐项列出（每项显示最新 ${STATUTORY_ITEMS_SHOWN} 条）。</p>
${groups.map(
  (group) => html`<section aria-labelledby="item-${group.code}"><h2 id="item-${group.code}">${/（[^）]+）/.exec(group.basis)?.[0] ?? ''}${group.name}</h2>
${itemList(agency, group.items, '本项暂无主动公开信息。')}
${group.inCatalogue && group.total > group.items.length ? html`<p><a href="${cataloguePath(agency, group.code)}">查看本项全部 ${group.total} 条<span class="visually-hidden">（${group.name}）</span></a></p>` : html``}</section>`,
)}`;
  return renderPortalPage({
    title: '法定主动公开内容',
    description: `${agency.name}按《政府信息公开条例》第二十条所列事项主动公开的政府信息。`,
    agency,
    current: 'statutory',
    breadcrumb: [['法定主动公开内容', null]],
    body,
  });
}

// ---------------------------------------------------------------- one publication

export function validityNotice(item: Pick<PublishedItem, 'validity' | 'validityEndedOn'>): SafeHtml {
  if (item.validity === 'repealed') {
    return html`<div class="notice" role="note"><strong>本文件已废止${item.validityEndedOn === null ? '' : `（废止日期：${item.validityEndedOn}）`}。</strong>以下内容仅供查阅，不再作为执行依据。</div>`;
  }
  if (item.validity === 'expired') {
    return html`<div class="notice" role="note"><strong>本文件已失效${item.validityEndedOn === null ? '' : `（失效日期：${item.validityEndedOn}）`}。</strong>以下内容仅供查阅，不再作为执行依据。</div>`;
  }
  return html``;
}

export function renderPublication(
  agency: PortalAgency,
  item: PublishedItem,
  attachments: readonly PublicAttachment[],
  category: { node: CatalogueNode | undefined; ancestors: readonly CatalogueNode[] },
): string {
  const categoryLabel = category.node === undefined ? item.categoryCode : [...category.ancestors, category.node].map((n) => n.name).join(' / ');
  const validityText = `${VALIDITY_LABELS[item.validity] ?? item.validity}${item.validity === 'effective' && item.effectiveFrom !== null ? `（${item.effectiveFrom} 起施行）` : ''}${item.validity !== 'effective' && item.validityEndedOn !== null ? `（${item.validityEndedOn}）` : ''}`;
  const crumbs: [string, string | null][] = [
    ['信息公开目录', agencyPath(agency, 'catalogue')],
    ...(category.node === undefined ? [] : [...category.ancestors, category.node].map((n): [string, string | null] => [n.name, cataloguePath(agency, n.code)])),
    ['正文', null],
  ];
  const body = html`${validityNotice(item)}
<dl class="meta" aria-label="文件信息">
<dt>索引号</dt><dd>${item.indexNumber}</dd>
<dt>发布机构</dt><dd>${item.issuer}</dd>
<dt>主题分类</dt><dd>${category.node === undefined ? categoryLabel : html`<a href="${cataloguePath(agency, category.node.code)}">${categoryLabel}</a>`}</dd>
<dt>文件类型</dt><dd>${KIND_LABELS[item.kind] ?? item.kind}</dd>
<dt>成文日期</dt><dd>${item.writtenOn}</dd>
<dt>发布日期</dt><dd>${item.publishedOn}</dd>
<dt>文号</dt><dd>${item.documentNumber ?? '无'}</dd>
<dt>有效性</dt><dd>${validityText}</dd>
</dl>
<article aria-labelledby="doc-title">
<h1 id="doc-title" class="doc-title">${item.title}</h1>
<div class="doc-body">${trusted(item.bodyHtml)}</div>
</article>
${attachments.length === 0 ? html`` : html`<h2>附件</h2><ol class="attachments">${attachments.map(
  (a) => html`<li><a href="${agencyPath(agency, `publications/${item.id}/attachments/${a.id}`)}" download>${a.fileName}</a> <span class="muted">（${formatSize(a.size)}）</span></li>`,
)}</ol>`}`;
  const description = item.summary.trim() !== '' ? item.summary.trim().slice(0, 150) : `${item.issuer}${item.documentNumber === null ? '' : ` ${item.documentNumber}`}，发布日期 ${item.publishedOn}。`;
  return renderPortalPage({ title: item.title, description, agency, current: 'catalogue', breadcrumb: crumbs, body });
}

// ---------------------------------------------------------------- search

export interface SearchFormState {
  q: string;
  category: string;
  year: string;
  validity: string;
}

export interface SearchResults {
  hits: readonly SearchHit[];
  total: number;
  totalIsLowerBound: boolean;
  window: PageWindow;
}

export function searchHref(agency: PortalAgency, state: SearchFormState, page: number): string {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  if (state.category !== '') params.set('category', state.category);
  if (state.year !== '') params.set('year', state.year);
  if (state.validity !== '') params.set('validity', state.validity);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return agencyPath(agency, `search${query === '' ? '' : `?${query}`}`);
}

function option(value: string, label: string, selected: string): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : html``}>${label}</option>`;
}

export function renderSearch(
  agency: PortalAgency,
  input: { state: SearchFormState; tree: CatalogueTree; years: readonly number[]; results: SearchResults | null; error: string | null },
): string {
  const { state, tree, years, results, error } = input;
  const categoryOptions: SafeHtml[] = [];
  const walk = (nodes: readonly CatalogueNode[], depth: number) => {
    for (const node of nodes) {
      categoryOptions.push(option(node.code, `${'　'.repeat(depth)}${node.name}`, state.category));
      walk(tree.childrenOf(node.code), depth + 1);
    }
  };
  walk(tree.childrenOf(null), 0);
  const form = html`<form class="search-form" method="get" action="${agencyPath(agency, 'search')}" role="search" aria-label="检索本机关公开信息">
<div class="field field-q"><label for="q">检索词</label><input id="q" name="q" type="search" value="${state.q}" maxlength="200" aria-describedby="q-hint"><span id="q-hint" class="hint">多个词用空格分开；用引号括起的词须连续出现，如“政府信息公开”。</span></div>
<div class="field"><label for="category">目录类别</label><select id="category" name="category">${option('', '全部类别', state.category)}${categoryOptions}</select></div>
<div class="field"><label for="year">发布年度</label><select id="year" name="year">${option('', '全部年度', state.year)}${years.map((y) => option(String(y), `${y}年`, state.year))}</select></div>
<div class="field"><label for="validity">有效性</label><select id="validity" name="validity">${option('', '全部', state.validity)}${VALIDITY_STATUSES.map((s) => option(s.code, s.label, state.validity))}</select></div>
<div class="field"><button class="button" type="submit">搜索</button></div>
</form>`;
  let outcome: SafeHtml;
  if (error !== null) {
    outcome = html`<p class="notice" role="alert">${error}</p>`;
  } else if (results === null) {
    outcome = html`<p class="empty">请输入检索词，或选择目录类别、发布年度、有效性后点击“搜索”。</p>`;
  } else if (results.total === 0) {
    outcome = html`<p class="empty">没有找到${state.q === '' ? '符合条件的信息' : html`与“${state.q}”相关的信息`}。建议检查是否有错别字、换用更常用的词，或减少筛选条件。</p>`;
  } else {
    outcome = html`<p class="result-count" role="status">共找到 ${results.totalIsLowerBound ? '超过 ' : ''}${results.total} 条信息，当前显示第 ${results.window.firstItem}–${results.window.lastItem} 条。</p>
<ol class="item-list" start="${results.window.firstItem}">${results.hits.map(
      (hit) => html`<li><span class="item-title"><a href="${publicationPath(agency, hit.publicationId)}">${trusted(hit.titleHtml)}</a>${validityTag(hit.validity)}</span><span class="item-date">${hit.publishedOn}</span>${hit.snippetHtml === '' ? html`` : html`<p class="snippet">${trusted(hit.snippetHtml)}</p>`}<span class="item-meta">${hit.issuer}${hit.documentNumber === null ? '' : ` · ${hit.documentNumber}`} · 索引号 ${hit.indexNumber}</span></li>`,
    )}</ol>
${pager(results.window, results.total, (page) => searchHref(agency, state, page))}`;
  }
  const body = html`<h1>搜索</h1>${form}<h2>检索结果</h2>${outcome}`;
  const title = state.q === '' ? '搜索' : `“${state.q}”的检索结果${results !== null && results.window.page > 1 ? `（第 ${results.window.page} 页）` : ''}`;
  return renderPortalPage({ title, description: `检索${agency.name}主动公开的政府信息（标题、正文和附件）。`, agency, current: 'search', breadcrumb: [['搜索', null]], body });
}

// ---------------------------------------------------------------- annual reports

export function renderReportList(agency: PortalAgency, years: readonly { year: number; publishedAt: string | null }[]): string {
  const body = html`<h1>政府信息公开工作年度报告</h1>
<p class="lead">依据《中华人民共和国政府信息公开条例》第四十九条、第五十条，${agency.name}每年 1 月 31 日前公布上一年度的政府信息公开工作年度报告。</p>
${years.length === 0
  ? html`<p class="empty">暂无已发布的年度报告。</p>`
  : html`<ul class="item-list">${years.map(
      (y) => html`<li><span class="item-title"><a href="${agencyPath(agency, `reports/${y.year}`)}">${agency.name}${y.year}年政府信息公开工作年度报告</a></span><span class="item-date">${y.publishedAt === null ? '' : `发布于 ${y.publishedAt.slice(0, 10)}`}</span></li>`,
    )}</ul>`}`;
  return renderPortalPage({ title: '年度报告', description: `${agency.name}历年政府信息公开工作年度报告。`, agency, current: 'reports', breadcrumb: [['年度报告', null]], body });
}

export function renderReport(agency: PortalAgency, year: number, title: string, articleHtml: string): string {
  const base = `/reports/${encodeURIComponent(agency.code)}/${year}`;
  const body = html`<p class="muted" id="downloads-label">下载本报告：</p>
<ul class="downloads" aria-labelledby="downloads-label"><li><a class="button" href="${base}.docx" download>Word 文档（DOCX）</a></li><li><a class="button" href="${base}.pdf" download>PDF 文件</a></li></ul>
${trusted(articleHtml)}`;
  return renderPortalPage({
    title: `${year}年度报告`,
    description: `${title}：主动公开、依申请公开、行政复议和行政诉讼情况，存在的问题及改进情况。`,
    agency,
    current: 'reports',
    breadcrumb: [['年度报告', agencyPath(agency, 'reports')], [`${year}年`, null]],
    body,
  });
}

// ---------------------------------------------------------------- errors

export function renderPortalError(agency: PortalAgency | null, status: number, message: string): string {
  const heading = status === 404 ? '页面不存在' : status === 400 ? '请求有误' : '出错了';
  const body = html`<h1>${heading}</h1><p>${message}</p><p>${agency === null ? html`<a href="/">返回平台首页</a>` : html`<a href="${agencyPath(agency)}">返回${agency.name}政府信息公开专栏首页</a>`}</p>`;
  return renderPortalPage({ title: heading, description: message, agency, body });
}
