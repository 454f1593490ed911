// Server-rendered pages of the report feature: the home page, an agency's report page, the
// report checker (/tools/lint). Plain HTML forms, usable without JavaScript; every value escaped.
import { FORMAT_CITATION } from '../../domain/report/report-format.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const PAGE_STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;color:#1b1b1b;background:#f6f5f2;font:1rem/1.75 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",sans-serif}
a{color:#1f5fa8}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #1f5fa8;outline-offset:2px}
.site-header{background:#8c1c13;color:#fff}
.site-header .inner{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;align-items:baseline;max-width:64rem;margin:0 auto;padding:.7rem 1rem}
.site-header a{color:#fff;text-decoration:none}
.site-header .brand{font-size:1.2rem;font-weight:700;letter-spacing:.05em}
.site-header nav a{margin-right:1rem}
.site-header nav a:hover{text-decoration:underline}
main{max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.panel{background:#fff;border:1px solid #dedbd3;border-radius:6px;padding:1.25rem 1.5rem;margin:0 0 1.25rem}
h1{font-size:1.6rem;line-height:1.4;margin:.25rem 0 1rem}
h2{font-size:1.2rem;margin:0 0 .75rem}
.lead{font-size:1.05rem;margin:0 0 .5rem}
.muted{color:#5b5b5b;font-size:.9rem}
.agency-list{list-style:none;margin:0;padding:0}
.agency-list li{padding:.6rem 0;border-top:1px solid #eee}
.agency-list li:first-child{border-top:0}
.agency-name{font-weight:600;margin-right:.75rem}
.year-links a{display:inline-block;margin:.1rem .5rem .1rem 0;padding:0 .6rem;border:1px solid #c9c4b8;border-radius:1rem;text-decoration:none;background:#faf9f6}
.downloads{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0}
.downloads a{padding:.25rem .8rem;border:1px solid #1f5fa8;border-radius:4px;text-decoration:none;background:#fff}
.counts{display:flex;flex-wrap:wrap;gap:.75rem;margin:.25rem 0 .5rem}
.count{padding:.3rem .9rem;border-radius:4px;font-weight:700}
.count-error{background:#fdeceb;color:#b42318;border:1px solid #f1b8b3}
.count-warning{background:#fff4d6;color:#7a4504;border:1px solid #f0d38a}
.count-ok{background:#e9f6ec;color:#1e6b34;border:1px solid #b5dcc0}
.alert{margin:0 0 1.25rem;padding:.9rem 1.2rem;border-radius:6px;border:1px solid #f1b8b3;background:#fdeceb;color:#7d1a12}
.alert strong{display:block;margin-bottom:.2rem}
form .field{margin:0 0 1rem}
form label,form legend{display:block;font-weight:600;margin:0 0 .3rem}
fieldset{border:0;margin:0 0 1rem;padding:0}
fieldset label{display:inline-flex;gap:.35rem;align-items:center;font-weight:400;margin-right:1.5rem}
textarea{width:100%;min-height:9rem;padding:.5rem;font:inherit;font-size:.9rem;border:1px solid #b9b4a8;border-radius:4px}
input[type=file]{max-width:100%}
.hint{display:block;color:#5b5b5b;font-size:.875rem;font-weight:400}
button{padding:.5rem 1.6rem;font:inherit;font-weight:600;color:#fff;background:#8c1c13;border:0;border-radius:4px;cursor:pointer}
button:hover{background:#6e150e}
.report-frame{background:#fff;border:1px solid #dedbd3;border-radius:6px;overflow:hidden}
.site-footer{max-width:64rem;margin:0 auto;padding:0 1rem 2rem;color:#5b5b5b;font-size:.85rem}
.crumb{margin:0 0 .25rem;color:#5b5b5b}
/* Wide screens: the list of findings sits beside the tables and stays in view while scrolling. */
@media screen and (min-width:75rem){
.with-findings main,.with-findings .site-footer,.with-findings .site-header .inner{max-width:82rem}
.with-findings .gk-report{max-width:none;display:grid;grid-template-columns:minmax(0,1fr) 20rem;column-gap:1.75rem;align-items:start}
.with-findings .gk-report>*{grid-column:1}
.with-findings .gk-report>.gk-findings{grid-column:2;grid-row:1/span 40;position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow:auto;margin:0;font-size:.9rem}
}
@media (max-width:40rem){main{padding:1rem .5rem 2rem}.panel{padding:1rem}}
@media print{.site-header,.site-footer,.no-print{display:none}body{background:#fff}main{padding:0}.report-frame{border:0}}
`;

export interface PageOptions {
  title: string;
  body: string;
  /** Extra markup for <head>, e.g. the report stylesheet. */
  head?: string;
  /** The page shows a report with its list of findings (laid out beside the tables on wide screens). */
  withFindings?: boolean;
}

export function renderPage({ title, body, head = '', withFindings = false }: PageOptions): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 公开 Gongkai</title>
<style>${PAGE_STYLE}</style>
${head}
</head>
<body${withFindings ? ' class="with-findings"' : ''}>
<header class="site-header"><div class="inner">
<a class="brand" href="/">公开 Gongkai</a>
<nav aria-label="主导航"><a href="/">首页</a><a href="/tools/lint">年度报告检查</a></nav>
</div></header>
<main>
${body}
</main>
<footer class="site-footer">年度报告格式依据《中华人民共和国政府信息公开工作年度报告格式》（${escapeHtml(FORMAT_CITATION)}）。</footer>
</body>
</html>
`;
}

export interface ReportPageOptions {
  title: string;
  agencyName: string;
  year: number;
  /** The <article> from renderReportHtml. */
  reportHtml: string;
  head: string;
  downloads: readonly { href: string; label: string }[];
  errors: number;
  warnings: number;
}

export function renderCounts(errors: number, warnings: number): string {
  if (errors === 0 && warnings === 0) return '<p class="counts"><span class="count count-ok">未发现问题</span></p>';
  return `<p class="counts"><span class="count count-error">错误 ${errors} 项</span><span class="count count-warning">警告 ${warnings} 项</span></p>`;
}

export function renderReportPage(options: ReportPageOptions): string {
  const links = options.downloads.map((d) => `<a href="${escapeHtml(d.href)}" download>${escapeHtml(d.label)}</a>`).join('');
  const body = `
<div class="panel no-print">
<p class="crumb">${escapeHtml(options.agencyName)} · ${options.year}年度 · 由办理记录生成</p>
${renderCounts(options.errors, options.warnings)}
<p class="downloads"><span>下载：</span>${links}</p>
</div>
<div class="report-frame">
${options.reportHtml}
</div>`;
  return renderPage({ title: options.title, body, head: options.head, withFindings: options.errors + options.warnings > 0 });
}

export interface LintToolPageOptions {
  template: string;
  text?: string;
  /** A plain-Chinese message for a file we could not read. */
  error?: string;
  result?: { fileLabel: string; reportTitle: string; reportHtml: string; errors: number; warnings: number };
  head?: string;
}

export const LINT_UPLOAD_LIMIT_MB = 20;

function renderLintForm(template: string, text: string): string {
  const checked = (id: string) => (template === id ? ' checked' : '');
  return `
<form method="post" action="/tools/lint" enctype="multipart/form-data">
<div class="field">
<label for="lint-file">上传报告文件<span class="hint">支持 txt、html、docx、pdf、json、xlsx，不超过 ${LINT_UPLOAD_LIMIT_MB} MB</span></label>
<input id="lint-file" name="file" type="file" accept=".txt,.html,.htm,.docx,.pdf,.json,.xlsx">
</div>
<div class="field">
<label for="lint-text">或粘贴报告全文<span class="hint">从政府网站复制的文字即可（表格以制表符分隔）</span></label>
<textarea id="lint-text" name="text" rows="10">${escapeHtml(text)}</textarea>
</div>
<fieldset>
<legend>报告模板</legend>
<label><input type="radio" name="template" value="national"${checked('national')}> 全国通用格式</label>
<label><input type="radio" name="template" value="henan"${checked('henan')}> 河南省格式（收费保留4位小数，须说明信息处理费）</label>
</fieldset>
<button type="submit">检查报告</button>
</form>`;
}

export function renderLintToolPage(options: LintToolPageOptions): string {
  const parts: string[] = [];
  if (options.error !== undefined) {
    parts.push(`<div class="alert" role="alert"><strong>无法检查这份报告</strong>${escapeHtml(options.error)}</div>`);
  }
  if (options.result) {
    const r = options.result;
    parts.push(`
<section class="panel" aria-labelledby="result-heading">
<h1 id="result-heading">检查结果</h1>
<p class="crumb">${escapeHtml(r.fileLabel)}</p>
${renderCounts(r.errors, r.warnings)}
<p class="muted">问题已用编号标在所在单元格或标题上，并在<a href="#gk-findings-heading">问题列表</a>中逐条说明。</p>
</section>
<div class="report-frame">
${r.reportHtml}
</div>`);
  }
  const formHeading = options.result ? '检查另一份报告' : '年度报告检查';
  parts.push(`
<section class="panel no-print" aria-labelledby="form-heading" style="margin-top:1.25rem">
<${options.result ? 'h2' : 'h1'} id="form-heading">${formHeading}</${options.result ? 'h2' : 'h1'}>
<p>按《政府信息公开工作年度报告格式》（${escapeHtml(FORMAT_CITATION)}）检查表内勾稽关系、表格与正文是否一致、标签是否规范。文件只用于本次检查，不会保存。</p>
${renderLintForm(options.template, options.text ?? '')}
</section>`);
  const title = options.result ? `检查结果：${options.result.reportTitle}` : '年度报告检查';
  return renderPage({ title, body: parts.join('\n'), head: options.head ?? '', withFindings: options.result !== undefined });
}

export function renderErrorPage(title: string, message: string): string {
  const body = `<div class="alert" role="alert"><strong>${escapeHtml(title)}</strong>${escapeHtml(message)}</div><p><a href="/">返回首页</a></p>`;
  return renderPage({ title, body });
}
