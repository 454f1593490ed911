// A report where every cell holds a different number (a few are blank), for renderer
// tests, round trips and previews: a value that lands in the wrong cell shows at once.
import type { AnnualReport } from '../annual-report.ts';
import { DOCUMENT_COLUMNS, REVIEW_GROUPS, REVIEW_RESULTS, TABLE3_COLUMNS, TABLE3_ROW_CODES } from '../report-format.ts';

/**
 * table2: 规章 1 2 3; 行政规范性文件 4 (blank) 6; 许可 7, 处罚 8, 强制 9; 收费 "10.1234".
 * table3: row i (0 = 一、本年新收 … 24 = 四、结转), column j (0 = 自然人 … 6 = 总计) holds 100 + 10·i + j;
 *   blank: 二、上年结转 × 科研机构, （六）3.其他 × 总计.
 * table4: group g (0 = 行政复议, 1 = 直接起诉, 2 = 复议后起诉), column k (0 = 结果维持 … 4 = 总计) holds 500 + 10·g + k;
 *   blank: 复议后起诉 × 尚未审结.
 */
export function createSampleReport(): AnnualReport {
  const documentCounts = (first: number) => Object.fromEntries(DOCUMENT_COLUMNS.map((c, j) => [c.code, first + j])) as AnnualReport['table2']['rules'];
  const report: AnnualReport = {
    agencyName: '示例市交通运输局',
    year: 2024,
    table2: {
      rules: documentCounts(1),
      normativeDocuments: documentCounts(4),
      licensing: 7,
      penalty: 8,
      enforcement: 9,
      administrativeFees: '10.1234',
    },
    table3: Object.fromEntries(
      TABLE3_ROW_CODES.map((row, i) => [row, Object.fromEntries(TABLE3_COLUMNS.map((column, j) => [column, 100 + 10 * i + j]))]),
    ) as AnnualReport['table3'],
    table4: Object.fromEntries(
      REVIEW_GROUPS.map((group, g) => [group.code, Object.fromEntries(REVIEW_RESULTS.map((result, k) => [result.code, 500 + 10 * g + k]))]),
    ) as AnnualReport['table4'],
    text: {
      overview: [
        '2024年，示例市交通运输局认真贯彻《中华人民共和国政府信息公开条例》，统计期限为2024年1月1日至12月31日。',
        '（一）主动公开。全年通过门户网站主动公开政府信息1200条，其中政策文件35件。',
        '（二）依申请公开。严格按照法定时限答复，答复文书规范。',
      ].join('\n'),
      proactive: '本年度主动公开情况统计如下。',
      applications: '申请办理情况统计如下，数据截至12月31日。',
      reviewLitigation: '行政复议、行政诉讼情况统计如下。',
      problems: ['一是公开内容的及时性仍有不足；二是解读形式较为单一。', '下一步将加强培训，丰富解读形式，做到“应公开、尽公开”，并对“A<B & C”一类符号照原样显示。'].join('\n'),
      otherMatters: '本年度未收取信息处理费。',
    },
  };
  report.table2.normativeDocuments.repealed = null;
  report.table3.carriedIn.research_institution = null;
  report.table3.other.total = null;
  report.table4.litigationAfterReview.pending = null;
  return report;
}
