import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/domain-error.ts';
import { parseAnnualReport } from '../domain/report/parse/parse-annual-report.ts';
import { extractPdfText } from './extract-pdf-text.ts';

const FIXTURES = '/work/shared/fixtures/reports';

/** The non-empty cells of the line that has `label` as a cell, from that cell on. */
function row(text: string, label: string): string[] {
  for (const line of text.split('\n')) {
    const cells = line.split('\t');
    const at = cells.indexOf(label);
    if (at >= 0) return cells.slice(at).filter((cell) => cell !== '');
  }
  throw new Error(`no line with the cell ${label}`);
}

const lines = (text: string): string[] => text.split('\n');

// Each fixture is extracted once and shared by the tests below.
const extracted = new Map<string, Promise<string>>();
function extractFixture(name: string): Promise<string> {
  let text = extracted.get(name);
  if (!text) {
    text = extractPdfText(new Uint8Array(readFileSync(`${FIXTURES}/${name}`)));
    extracted.set(name, text);
  }
  return text;
}

/** A minimal PDF with a correct cross-reference table. */
function buildPdf(objects: string[], trailer = ''): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

const PAGE_OBJECTS = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];

async function extractionError(bytes: Uint8Array): Promise<DomainError> {
  const error: unknown = await extractPdfText(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

// Expected values read by hand from the rendered pages (pdftoppm) of the published PDFs.
describe('extractPdfText: 洪泽区人民政府 2023', () => {
  let text = '';
  beforeAll(async () => {
    text = await extractFixture('2023-hongze-quzhengfu.pdf');
  });

  it('has the title, the section headings and the statistics period as lines', () => {
    expect(lines(text).slice(0, 2)).toEqual(['洪泽区人民政府', '2023年政府信息公开工作年度报告']);
    for (const heading of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
      expect(lines(text)).toContain(heading);
    }
    // Printed over two lines of the PDF: "…统计期限自2023年1月1日" / "起至2023年12月31日止。"
    expect(text).toContain('报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。');
  });

  it('joins a paragraph that runs over a page break, and drops the page numbers (- 4 -)', () => {
    expect(text).toContain('三是继续加强业务指导培训。实行政府信息公开工作人员跟班学习制度，不断提高各单位政府信息公开工作人员的思想认识和业务工作水平。');
    expect(lines(text).filter((line) => /^[- \d]+$/u.test(line))).toEqual([]);
  });

  it('writes the rows of table 2 as tab-separated lines', () => {
    expect(lines(text)).toContain('信息内容\t本年制发件数\t本年废止件数\t现行有效件数');
    expect(lines(text)).toContain('规章\t0\t0\t0');
    expect(lines(text)).toContain('行政规范性文件\t0\t5\t5');
    expect(lines(text)).toContain('行政许可\t550');
    expect(lines(text)).toContain('行政处罚\t4119'); // its header row is the first line of page 3
    expect(lines(text)).toContain('行政强制\t195');
    expect(lines(text)).toContain('信息内容\t本年收费金额（单位：万元）');
    expect(lines(text)).toContain('行政事业性收费\t7730.28');
  });

  it('writes table 3 one row per line, wrapped labels joined, stacked header cells joined', () => {
    expect(lines(text)).toContain('商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他');
    expect(row(text, '一、本年新收政府信息公开申请数量')).toEqual(['一、本年新收政府信息公开申请数量', '21', '0', '0', '0', '0', '0', '21']);
    expect(row(text, '二、上年结转政府信息公开申请数量')).toEqual(['二、上年结转政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0']);
    expect(row(text, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toEqual(['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '4', '0', '0', '0', '0', '0', '4']);
    // The group label spans rows 1–8 and shares the first row's line.
    expect(row(text, '（三）不予公开')).toEqual(['（三）不予公开', '1.属于国家秘密', '1', '0', '0', '0', '0', '0', '1']);
    // Printed so in the report (the characters 法规禁 are missing).
    expect(row(text, '2.其他法律行政止公开')).toEqual(['2.其他法律行政止公开', '0', '0', '0', '0', '0', '0', '0']);
    expect(row(text, '7.属于行政执法案卷')).toEqual(['7.属于行政执法案卷', '1', '0', '0', '0', '0', '0', '1']);
    // （四） spans the last rows of page 3; its label is centred there.
    expect(row(text, '（四）无法提供')).toEqual(['（四）无法提供', '1.本机关不掌握相关政府信息', '10', '0', '0', '0', '0', '0', '10']);
    expect(row(text, '2.没有现成信息需要另行制作')).toEqual(['2.没有现成信息需要另行制作', '3', '0', '0', '0', '0', '0', '3']);
    expect(row(text, '3.补正后申请内容仍不明确')).toEqual(['3.补正后申请内容仍不明确', '0', '0', '0', '0', '0', '0', '0']); // first row of page 4
    expect(row(text, '5.要求行政机关确认或重新出具已获取信息')).toEqual(['5.要求行政机关确认或重新出具已获取信息', '0', '0', '0', '0', '0', '0', '0']);
    expect(row(text, '（七）总计')).toEqual(['（七）总计', '21', '0', '0', '0', '0', '0', '21']);
    expect(row(text, '四、结转下年度继续办理')).toEqual(['四、结转下年度继续办理', '0', '0', '0', '0', '0', '0', '0']);
  });

  it('writes the 15 numbers of table 4 on one line, after its three header rows', () => {
    const at = lines(text).indexOf('四、政府信息公开行政复议、行政诉讼情况');
    expect(lines(text).slice(at + 1, at + 5)).toEqual([
      '行政复议\t行政诉讼',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
      '10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t5\t0\t0\t0\t0',
    ]);
  });
});

describe('extractPdfText: 洪泽区人民政府 2024', () => {
  let text = '';
  beforeAll(async () => {
    text = await extractFixture('2024-hongze-quzhengfu.pdf');
  });

  it('writes tables 2, 3 and 4 as tab-separated lines', () => {
    expect(lines(text).slice(0, 2)).toEqual(['淮安市洪泽区人民政府', '2024年政府信息公开工作年度报告']);
    expect(lines(text)).toContain('行政规范性文件\t3\t0\t8');
    expect(lines(text)).toContain('行政许可\t9487');
    expect(lines(text)).toContain('行政处罚\t2776');
    expect(lines(text)).toContain('行政强制\t84');
    expect(lines(text)).toContain('行政事业性收费\t7545');
    expect(row(text, '一、本年新收政府信息公开申请数量')).toEqual(['一、本年新收政府信息公开申请数量', '95', '0', '0', '0', '0', '0', '95']);
    expect(row(text, '（一）予以公开')).toEqual(['（一）予以公开', '50', '0', '0', '0', '0', '0', '50']);
    expect(row(text, '3.危及“三安全一稳定”')).toEqual(['3.危及“三安全一稳定”', '1', '0', '0', '0', '0', '0', '1']);
    expect(row(text, '1.本机关不掌握相关政府信息')).toEqual(['1.本机关不掌握相关政府信息', '31', '0', '0', '0', '0', '0', '31']);
    expect(row(text, '（七）总计')).toEqual(['（七）总计', '95', '0', '0', '0', '0', '0', '95']);
    expect(lines(text)).toContain('1\t1\t0\t0\t2\t1\t0\t0\t0\t1\t2\t0\t1\t0\t3');
  });
});

describe('extractPdfText: files it cannot read', () => {
  it('rejects bytes that are not a PDF, with a Chinese message for the user', async () => {
    const error = await extractionError(new TextEncoder().encode('这不是 PDF 文件'));
    expect(error.code).toBe('UNREADABLE_FILE');
    expect(error.userMessage).toMatch(/PDF/u);
    expect(error.details).toEqual({ reason: 'invalid' });
  });

  it('rejects an empty file and a truncated PDF', async () => {
    expect((await extractionError(new Uint8Array())).code).toBe('UNREADABLE_FILE');
    const bytes = readFileSync(`${FIXTURES}/2024-hongze-quzhengfu.pdf`);
    expect((await extractionError(new Uint8Array(bytes.subarray(0, 2000)))).code).toBe('UNREADABLE_FILE');
  });

  it('rejects a password-protected PDF as encrypted', async () => {
    // Standard security handler, revision 2; /U does not match the empty user password.
    const key = 'A1'.repeat(32);
    const encrypted = buildPdf([...PAGE_OBJECTS, `<< /Filter /Standard /V 1 /R 2 /O <${key}> /U <${key}> /P -4 >>`], `/Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] `);
    const error = await extractionError(encrypted);
    expect(error.code).toBe('UNREADABLE_FILE');
    expect(error.details).toEqual({ reason: 'encrypted' });
    expect(error.userMessage).toContain('加密');
  });

  it('leaves the caller’s bytes intact', async () => {
    const bytes = buildPdf(PAGE_OBJECTS);
    const copy = bytes.slice();
    await extractionError(bytes);
    expect(bytes).toEqual(copy);
  });

  it('rejects a PDF without a text layer (a scan)', async () => {
    const error = await extractionError(buildPdf(PAGE_OBJECTS));
    expect(error.code).toBe('UNREADABLE_FILE');
    expect(error.userMessage).toContain('扫描件');
  });
});

// End to end: the extracted text read by the report parser. Values read by hand, as above.
describe('parseAnnualReport(extractPdfText(…), "pdf"): 洪泽区人民政府', () => {
  const applicants = (natural: number, total = natural) => ({ natural_person: natural, business: 0, research_institution: 0, public_interest_org: 0, legal_service_org: 0, other_org: 0, total });
  const review = (upheld: number, corrected: number, otherResult: number, pending: number, total: number) => ({ upheld, corrected, otherResult, pending, total });

  it('reads the 2023 report', async () => {
    const { report, findings } = parseAnnualReport(await extractFixture('2023-hongze-quzhengfu.pdf'), 'pdf');
    // （六）其他处理 is printed as one row of zeros (2019 format): each 2021 sub-row is then exactly 0.
    expect(findings).toEqual([]);
    expect(report.year).toBe(2023);
    expect(report.agencyName).toBe('洪泽区人民政府');
    expect(report.table2).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 0, repealed: 5, inForce: 5 },
      licensing: 550,
      penalty: 4119,
      enforcement: 195,
      administrativeFees: '7730.28',
    });
    const t3 = report.table3;
    expect(t3.received).toEqual(applicants(21));
    expect(t3.carriedIn).toEqual(applicants(0));
    expect(t3.concludedTotal).toEqual(applicants(21));
    expect(t3.carriedOver).toEqual(applicants(0));
    expect(t3.disclosed).toEqual(applicants(0));
    expect(t3.partially_disclosed).toEqual(applicants(4));
    expect(t3.withheld_state_secret).toEqual(applicants(1));
    expect(t3.withheld_prohibited_by_law).toEqual(applicants(0)); // printed 2.其他法律行政止公开
    expect(t3.withheld_security_stability).toEqual(applicants(0));
    expect(t3.withheld_process_info).toEqual(applicants(1));
    expect(t3.withheld_enforcement_file).toEqual(applicants(1));
    expect(t3.unavailable_not_held).toEqual(applicants(10));
    expect(t3.unavailable_needs_creation).toEqual(applicants(3));
    expect(t3.unavailable_unclear_after_correction).toEqual(applicants(0));
    expect(t3.not_processed_petition).toEqual(applicants(1));
    expect(t3.not_processed_confirmation).toEqual(applicants(0));
    for (const code of ['other_no_correction', 'other_fee_unpaid', 'other'] as const) expect(t3[code]).toEqual(applicants(0));
    // As printed: the 行政复议 total (0) does not add up; the parser must not "fix" it.
    expect(report.table4).toEqual({ adminReview: review(10, 1, 0, 0, 0), litigationDirect: review(0, 0, 0, 0, 0), litigationAfterReview: review(5, 0, 0, 0, 0) });
  });

  it('reads the 2024 report', async () => {
    const { report, findings } = parseAnnualReport(await extractFixture('2024-hongze-quzhengfu.pdf'), 'pdf');
    expect(findings).toEqual([]);
    expect(report.year).toBe(2024);
    expect(report.agencyName).toMatch(/洪泽区人民政府$/u); // the title reads 淮安市洪泽区人民政府
    expect(report.table2).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 3, repealed: 0, inForce: 8 },
      licensing: 9487,
      penalty: 2776,
      enforcement: 84,
      administrativeFees: '7545',
    });
    const t3 = report.table3;
    expect(t3.received).toEqual(applicants(95));
    expect(t3.carriedIn).toEqual(applicants(0));
    expect(t3.concludedTotal).toEqual(applicants(95));
    expect(t3.carriedOver).toEqual(applicants(0));
    expect(t3.disclosed).toEqual(applicants(50));
    expect(t3.partially_disclosed).toEqual(applicants(9));
    expect(t3.withheld_state_secret).toEqual(applicants(0));
    expect(t3.withheld_security_stability).toEqual(applicants(1));
    expect(t3.withheld_process_info).toEqual(applicants(1));
    expect(t3.withheld_enforcement_file).toEqual(applicants(1));
    expect(t3.unavailable_not_held).toEqual(applicants(31));
    expect(t3.unavailable_needs_creation).toEqual(applicants(1));
    expect(t3.not_processed_petition).toEqual(applicants(1));
    expect(t3.not_processed_duplicate).toEqual(applicants(0));
    for (const code of ['other_no_correction', 'other_fee_unpaid', 'other'] as const) expect(t3[code]).toEqual(applicants(0));
    expect(report.table4).toEqual({ adminReview: review(1, 1, 0, 0, 2), litigationDirect: review(1, 0, 0, 0, 1), litigationAfterReview: review(2, 0, 1, 0, 3) });
  });
});
