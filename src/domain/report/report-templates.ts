// Provincial templates of the national format. The national text does not verify
// "保留4位小数"; Henan prints it (domain.md §4.1, §5 item 4), so it is a template setting.
export interface ReportTemplate {
  id: string;
  name: string;
  /** Exact decimals the fee cell must show, or null when the template does not say. */
  feeDecimals: number | null;
  /** 六 must state the 信息处理费 collected (河南省人民政府办公厅通知第五条). */
  requiresProcessingFeeStatement: boolean;
  feeHeader: string;
}

export const REPORT_TEMPLATES = {
  national: { id: 'national', name: '全国通用格式', feeDecimals: null, requiresProcessingFeeStatement: false, feeHeader: '本年收费金额（单位：万元）' },
  henan: { id: 'henan', name: '河南省格式', feeDecimals: 4, requiresProcessingFeeStatement: true, feeHeader: '本年收费金额（单位：万元，保留4位小数）' },
} as const satisfies Record<string, ReportTemplate>;

export type ReportTemplateId = keyof typeof REPORT_TEMPLATES;

export function findReportTemplate(id: string): ReportTemplate | undefined {
  return (REPORT_TEMPLATES as Record<string, ReportTemplate>)[id];
}
