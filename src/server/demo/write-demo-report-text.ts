// The prose of the demo reports (一、五、六). Every figure in 一 总体情况 is read from the
// computed report itself, so the text-versus-table rules (TXT-APPS, TXT-CARRY, TXT-REVIEW,
// TXT-DOCS…) hold by construction; the rest is plausible, fixed wording per year.
import type { AnnualReport, Cell } from '../../domain/report/annual-report.ts';
import type { ReportTextInput } from '../records/records.repository.ts';

/** Items published on the website, by kind (not in the tables; only the prose states them). */
const PUBLISHED_ITEMS: Record<number, { policies: number; decisions: number; budgets: number; news: number }> = {
  2024: { policies: 86, decisions: 251, budgets: 12, news: 77 },
  2025: { policies: 92, decisions: 268, budgets: 13, news: 78 },
};

const PROBLEMS: Record<number, string> = {
  2024: [
    '（一）存在的主要问题',
    '一是部分栏目信息更新不够及时，个别业务科室报送公开信息存在滞后现象；二是政策解读形式较为单一，图表图解、音视频等解读方式运用不多；三是依申请公开办理人员业务能力有待进一步提升，答复文书的规范性仍需加强。',
    '（二）改进情况',
    '下一步，我局将建立信息报送提醒和定期检查制度，压实各科室信息公开责任；丰富政策解读形式，重要政策文件同步推出图解或问答；组织依申请公开业务培训，统一答复文书模板，提升办理质量。',
  ].join('\n'),
  2025: [
    '（一）上年度问题整改情况',
    '针对2024年度报告提出的问题，我局建立了信息报送提醒和每月检查制度，栏目更新及时率明显提高；重要政策文件均同步发布图解或问答；统一了依申请公开答复文书模板并组织专题培训。',
    '（二）存在的主要问题',
    '一是政府信息公开目录与门户网站栏目的对应关系仍需进一步梳理；二是对历史规范性文件的清理和有效性标注还不够全面。',
    '（三）改进措施',
    '我局将全面梳理公开目录与网站栏目，及时标注规范性文件有效性，并结合年度政务公开要点持续改进工作。',
  ].join('\n'),
};

const OTHER_MATTERS: Record<number, string> = {
  2024: [
    '（一）信息处理费收取情况。依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。',
    '（二）落实上级年度政务公开工作要点情况。我局对照市政府办公室印发的年度政务公开工作要点，逐项细化任务分工，按期完成各项工作。',
    '（三）人大代表建议和政协提案办理结果公开情况。本年度承办的人大代表建议和政协提案均已按期办结，办理结果按规定在门户网站公开。',
    '（四）年度政务公开工作创新情况。开设“政策问答”栏目，对群众关注的高频问题集中解答。',
  ].join('\n'),
  2025: [
    '（一）信息处理费收取情况。依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。',
    '（二）落实上级年度政务公开工作要点情况。我局将年度政务公开工作要点纳入全局重点工作，明确责任科室和完成时限，各项任务均已落实。',
    '（三）人大代表建议和政协提案办理结果公开情况。本年度承办的人大代表建议和政协提案均已按期办结并公开办理结果。',
    '（四）年度政务公开工作创新情况。推行政策文件“一文一解读”，并在政务服务大厅设置政府信息公开查阅点。',
  ].join('\n'),
};

function value(cell: Cell): number {
  return cell ?? 0;
}

function applicationsParagraph(report: AnnualReport): string {
  const t3 = report.table3;
  const received = value(t3.received.total);
  const carriedIn = value(t3.carriedIn.total);
  const concluded = value(t3.concludedTotal.total);
  const disclosed = value(t3.disclosed.total);
  const partially = value(t3.partially_disclosed.total);
  const carriedOver = value(t3.carriedOver.total);
  const rest = concluded - disclosed - partially;
  return [
    `（二）依申请公开。全年共收到政府信息公开申请${received}件`,
    carriedIn > 0 ? `，上年结转${carriedIn}件` : '，无上年结转申请',
    `；办结${concluded}件，其中予以公开${disclosed}件、部分公开${partially}件，其余${rest}件依法作出不予公开、无法提供、不予处理或其他处理的答复；`,
    carriedOver > 0 ? `${carriedOver}件结转下年度继续办理。` : '无结转下年度办理的申请。',
    '所有申请均在法定期限内答复。',
    reviewSentence(report),
  ].join('');
}

function reviewSentence(report: AnnualReport): string {
  const t4 = report.table4;
  const reviews = value(t4.adminReview.total);
  const lawsuits = value(t4.litigationDirect.total) + value(t4.litigationAfterReview.total);
  const pending = value(t4.adminReview.pending) + value(t4.litigationDirect.pending) + value(t4.litigationAfterReview.pending);
  if (reviews === 0 && lawsuits === 0) return '全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。';
  return `全年因政府信息公开工作被申请行政复议${reviews}件、被提起行政诉讼${lawsuits}件${pending > 0 ? `，截至年底有${pending}件尚未审结` : '，均已审结'}。`;
}

function proactiveParagraph(report: AnnualReport, year: number): string {
  const items = PUBLISHED_ITEMS[year] ?? { policies: 0, decisions: 0, budgets: 0, news: 0 };
  const total = items.policies + items.decisions + items.budgets + items.news;
  const documents = report.table2.normativeDocuments;
  return [
    `（一）主动公开。全年通过本局门户网站主动公开政府信息${total}条，其中政策文件及解读${items.policies}条、行政许可和行政处罚信息${items.decisions}条、财政预决算信息${items.budgets}条、工作动态${items.news}条。`,
    `本年制发行政规范性文件${value(documents.issued)}件、废止${value(documents.repealed)}件，截至年底现行有效${value(documents.inForce)}件；`,
    `作出行政许可决定${value(report.table2.licensing)}件、行政处罚决定${value(report.table2.penalty)}件、行政强制决定${value(report.table2.enforcement)}件，均按规定向社会公开。`,
  ].join('');
}

/** 一、五、六 for one demo year, from that year's computed report. */
export function writeDemoReportText(report: AnnualReport, year: number): ReportTextInput {
  const overview = [
    `${year}年，示范市示范局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，依法依规做好政府信息公开各项工作。`,
    proactiveParagraph(report, year),
    applicationsParagraph(report),
    '（三）政府信息管理。严格落实公开前保密审查机制，拟公开信息均经业务科室、办公室和分管领导审核后发布；对已公开的行政规范性文件及时标注有效性。',
    '（四）政府信息公开平台建设。持续优化门户网站政府信息公开专栏，规范栏目设置，完善信息检索、查阅和下载功能。',
    '（五）监督保障。将政府信息公开工作纳入年度目标考核，组织开展业务培训，主动接受社会监督；本年度无因政府信息公开工作被责任追究的情况。',
  ].join('\n');
  return { overview, problems: PROBLEMS[year] ?? '', otherMatters: OTHER_MATTERS[year] ?? '' };
}
