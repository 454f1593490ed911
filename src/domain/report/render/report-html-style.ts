// The stylesheet of rendered reports, inlined so a page needs no external assets.
// Print follows GB/T 9704 (A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
export const REPORT_HTML_STYLE = `
.gk-report{--gk-ink:#1b1b1b;--gk-line:#555;--gk-head:#f3f1ec;--gk-accent:#8c1c13;--gk-error:#b42318;--gk-warning:#a15c07;
max-width:60rem;margin:0 auto;padding:2rem 1rem 3rem;color:var(--gk-ink);background:#fff;font-size:1.0625rem;line-height:1.9;
font-family:"FangSong","仿宋","FangSong_GB2312","仿宋_GB2312","STFangsong","Noto Serif CJK SC","Noto Serif SC","Source Han Serif SC","SimSun",serif}
.gk-title{margin:0 0 1.75rem;text-align:center;font-size:1.75rem;line-height:1.5;font-weight:700;color:var(--gk-ink);
font-family:"FZXiaoBiaoSong-B05S","方正小标宋简体","Noto Serif CJK SC","Noto Serif SC","Source Han Serif SC","SimSun",serif}
.gk-title::after{content:"";display:block;width:5rem;margin:.9rem auto 0;border-bottom:2px solid var(--gk-accent)}
.gk-heading{margin:1.75rem 0 .6rem;font-size:1.1875rem;line-height:1.6;font-weight:700;
font-family:"SimHei","黑体","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC",sans-serif}
.gk-section p{margin:0 0 .4rem;text-indent:2em;text-align:justify}
.gk-table-scroll{overflow-x:auto;margin:.75rem 0 1.25rem;-webkit-overflow-scrolling:touch}
.gk-table-scroll:focus-visible{outline:2px solid #1f5fa8;outline-offset:2px}
.gk-table{width:100%;border-collapse:collapse;font-size:.875rem;line-height:1.45;
font-family:"SimSun","宋体","Noto Serif CJK SC","Noto Serif SC","Source Han Serif SC",serif}
.gk-table-table3{min-width:44rem}
.gk-table-table4{min-width:54rem}
.gk-table th,.gk-table td{border:1px solid var(--gk-line);padding:.35rem .4rem;text-align:center;vertical-align:middle}
.gk-table th{font-weight:400;background:var(--gk-head)}
.gk-table th.gk-caption-cell{text-align:left;font-weight:700}
.gk-table th.gk-row-header{text-align:left}
.gk-table th.gk-narrow{width:1.6em}
.gk-table td.gk-note{background:var(--gk-head);font-size:.8125rem;text-align:left}
.gk-table td.gk-value{min-width:2.5em;white-space:nowrap;font-variant-numeric:tabular-nums}
.gk-table td.gk-blank{background:repeating-linear-gradient(135deg,#fff 0 4px,#efefef 4px 8px)}
.gk-table .has-warning,.gk-heading.has-warning{background:#fff4d6;box-shadow:inset 0 0 0 2px var(--gk-warning)}
.gk-table .has-error,.gk-heading.has-error{background:#fdeceb;box-shadow:inset 0 0 0 2px var(--gk-error)}
.gk-ref{display:inline-block;min-width:1.35em;margin-left:.2em;padding:0 .25em;border-radius:.7em;font:700 .7rem/1.35 system-ui,sans-serif;
text-align:center;text-decoration:none;vertical-align:super;color:#fff;background:var(--gk-warning)}
.gk-ref.is-error{background:var(--gk-error)}
.gk-ref::after{content:attr(data-n)}
.gk-ref:focus-visible{outline:2px solid #1f5fa8;outline-offset:1px}
.gk-findings{margin:2rem 0 0;padding:1rem 1.25rem;border:1px solid #d8d2c4;border-left:4px solid var(--gk-accent);background:#fbfaf7;
font-family:system-ui,"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;font-size:.9375rem;line-height:1.7}
.gk-findings h2{margin:0 0 .5rem;font-size:1.0625rem}
.gk-findings ol{margin:0;padding-left:1.75rem}
.gk-findings li{margin:.35rem 0}
.gk-findings li:target{background:#fff4d6}
.gk-severity{display:inline-block;margin-right:.4em;padding:0 .4em;border-radius:.25em;font-size:.8125rem;color:#fff;background:var(--gk-warning)}
.gk-finding.is-error .gk-severity{background:var(--gk-error)}
.gk-rule{margin-right:.4em;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.8125rem;color:#444}
.gk-where{display:block;color:#555;font-size:.8125rem}
@media (max-width:40rem){.gk-report{padding:1rem .75rem 2rem;font-size:1rem}.gk-title{font-size:1.375rem}}
@page{size:A4;margin:37mm 26mm 35mm 28mm}
@media print{
.gk-report{max-width:none;margin:0;padding:0;font-size:16pt;line-height:28pt}
.gk-title{font-size:22pt;line-height:1.4}
.gk-title::after{display:none}
.gk-heading{font-size:16pt;margin:0;text-indent:2em}
.gk-table-scroll{overflow:visible;margin:6pt 0 12pt}
.gk-table{min-width:0!important;font-size:9pt;line-height:1.3}
.gk-table-table4{font-size:8pt}
.gk-table th,.gk-table td{padding:2pt 3pt}
.gk-table thead{display:table-header-group}
.gk-table tr{break-inside:avoid}
.gk-report *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.gk-findings{break-before:page;font-size:11pt}
}
`;
