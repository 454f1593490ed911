import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../domain/domain-error.ts';
import { createEmptyReport } from '../domain/report/annual-report.ts';
import { createSampleReport } from '../domain/report/render/create-sample-report.ts';
import { readReportXlsx, renderReportXlsx } from './render-report-xlsx.ts';

const SHEETS = ['说明', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'];

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

async function save(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

async function rejection(bytes: Uint8Array): Promise<string> {
  try {
    await readReportXlsx(bytes);
  } catch (error) {
    if (isDomainError(error) && error.code === 'UNREADABLE_FILE') return error.userMessage;
    throw error;
  }
  throw new Error('readReportXlsx accepted it');
}

const report = createSampleReport();
let bytes: Uint8Array;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  bytes = await renderReportXlsx(report);
  workbook = await open(bytes);
});

describe('renderReportXlsx', () => {
  it('writes a 说明 sheet and one sheet per table', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(SHEETS);
    const meta = sheet(workbook, '说明');
    expect([meta.getCell('A2').value, meta.getCell('B2').value]).toEqual(['格式', 'gongkai.annual-report']);
    expect([meta.getCell('A4').value, meta.getCell('B4').value]).toEqual(['机关名称', '示例市交通运输局']);
    expect([meta.getCell('A5').value, meta.getCell('B5').value]).toEqual(['年度', 2024]);
    expect([meta.getCell('A10').value, meta.getCell('B10').value]).toEqual(['五、存在的主要问题及改进情况', report.text.problems]);
  });

  it('merges the header cells like the official tables (grid from row 3)', () => {
    const merges = (name: string) => sheet(workbook, name).model.merges;
    // Table 3: note A3:C5, 申请人情况 D3:J3, 自然人 D4:D5, 法人或其他组织 E4:I4, 总计 J4:J5;
    // body from row 6: 三、本年度办理结果 A8:A29, （三）不予公开 B10:B17, （七）总计 B29:C29.
    expect(merges('三、收到和处理政府信息公开申请情况')).toEqual(expect.arrayContaining(['A3:C5', 'D3:J3', 'D4:D5', 'E4:I4', 'J4:J5', 'A6:C6', 'A8:A29', 'B8:C8', 'B10:B17', 'B18:B20', 'B21:B25', 'B26:B28', 'B29:C29', 'A30:C30']));
    // Table 4: 行政复议 A3:E3, 行政诉讼 F3:O3, the 行政复议 results A4:A5…E4:E5, 未经复议直接起诉 F4:J4, 复议后起诉 K4:O4.
    expect(merges('四、政府信息公开行政复议、行政诉讼情况').sort()).toEqual(['A1:O1', 'A3:E3', 'F3:O3', 'A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:E5', 'F4:J4', 'K4:O4'].sort());
    // Table 2: caption rows across A:D, single values across B:D.
    expect(merges('二、主动公开政府信息情况')).toEqual(expect.arrayContaining(['A3:D3', 'A7:D7', 'B9:D9', 'A10:D10', 'B12:D12', 'B13:D13', 'A14:D14', 'B15:D15', 'B16:D16']));
  });

  it('stores numbers as numbers, blank cells empty, the fee with its printed decimals', () => {
    const t3 = sheet(workbook, '三、收到和处理政府信息公开申请情况');
    expect(t3.getCell('A6').value).toBe('一、本年新收政府信息公开申请数量');
    expect(t3.getCell('D6').value).toBe(100);
    expect(t3.getCell('J30').value).toBe(346);
    expect(t3.getCell('F7').value).toBeNull();
    expect(t3.getCell('J28').value).toBeNull();
    const t2 = sheet(workbook, '二、主动公开政府信息情况');
    expect([t2.getCell('A16').value, t2.getCell('B16').value, t2.getCell('B16').numFmt]).toEqual(['行政事业性收费', 10.1234, '0.0000']);
    expect(t2.getCell('C6').value).toBeNull();
    const t4 = sheet(workbook, '四、政府信息公开行政复议、行政诉讼情况');
    expect([t4.getCell('A6').value, t4.getCell('N6').value, t4.getCell('O6').value]).toEqual([500, null, 524]);
  });

  it('gives the columns readable widths', () => {
    const t3 = sheet(workbook, '三、收到和处理政府信息公开申请情况');
    expect(t3.getColumn(3).width).toBeGreaterThanOrEqual(40);
    expect(t3.getColumn(4).width).toBeGreaterThanOrEqual(8);
  });
});

describe('readReportXlsx', () => {
  it('reads back what renderReportXlsx wrote', async () => {
    expect(await readReportXlsx(bytes)).toEqual(report);
    const empty = createEmptyReport();
    expect(await readReportXlsx(await renderReportXlsx(empty))).toEqual(empty);
  });

  it('keeps the fee as printed: "0.0000", "162", and more decimals than a number holds', async () => {
    for (const fee of ['0.0000', '162', '0.5', '12345678.123456789012']) {
      const withFee = createSampleReport();
      withFee.table2.administrativeFees = fee;
      expect((await readReportXlsx(await renderReportXlsx(withFee))).table2.administrativeFees).toBe(fee);
    }
  });

  it('accepts numbers typed as text and an edited value', async () => {
    const edited = await open(bytes);
    sheet(edited, '三、收到和处理政府信息公开申请情况').getCell('D6').value = ' 7 ';
    sheet(edited, '四、政府信息公开行政复议、行政诉讼情况').getCell('N6').value = 3;
    const read = await readReportXlsx(await save(edited));
    expect(read.table3.received.natural_person).toBe(7);
    expect(read.table4.litigationAfterReview.pending).toBe(3);
  });

  it('rejects other files and other workbooks in Chinese, naming the place', async () => {
    expect(await rejection(new TextEncoder().encode('not a zip'))).toBe('无法读取年度报告工作簿：文件不是有效的 Excel 工作簿（.xlsx）');

    const foreign = new ExcelJS.Workbook();
    foreign.addWorksheet('Sheet1').getCell('A1').value = '自然人';
    expect(await rejection(await save(foreign))).toContain('不是本系统导出的年度报告工作簿');

    const wrongVersion = await open(bytes);
    sheet(wrongVersion, '说明').getCell('B3').value = 2;
    expect(await rejection(await save(wrongVersion))).toContain('不支持的工作簿格式版本“2”');

    const noSheet = await open(bytes);
    noSheet.removeWorksheet(sheet(noSheet, '四、政府信息公开行政复议、行政诉讼情况').id);
    expect(await rejection(await save(noSheet))).toBe('无法读取年度报告工作簿：缺少工作表“四、政府信息公开行政复议、行政诉讼情况”');

    const moved = await open(bytes);
    sheet(moved, '三、收到和处理政府信息公开申请情况').getCell('G5').value = '社会组织';
    expect(await rejection(await save(moved))).toBe('无法读取年度报告工作簿：工作表“三、收到和处理政府信息公开申请情况”单元格 G5 应为“社会公益组织”，表格结构已被改动');

    const text = await open(bytes);
    sheet(text, '二、主动公开政府信息情况').getCell('B5').value = '四件';
    expect(await rejection(await save(text))).toBe('无法读取年度报告工作簿：工作表“二、主动公开政府信息情况”单元格 B5 的内容“四件”不是数字');
  });
});
