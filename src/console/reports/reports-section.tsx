// 年度报告: the list of years (/reports) and one year's report (/reports/:year).
import { Result } from 'antd';
import type { SectionProps } from '../section-props.ts';
import { ReportYearPage } from './report-year-page.tsx';
import { ReportYearsPage } from './report-years-page.tsx';

export function ReportsSection(props: SectionProps) {
  const rest = props.path.replace(/^\/reports\/?/, '');
  if (rest === '') return <ReportYearsPage agency={props.agency} />;
  if (/^\d{4}$/.test(rest)) return <ReportYearPage key={rest} agency={props.agency} year={Number(rest)} mayEditFigures={props.actions.includes('figures.edit')} />;
  return <Result status="404" title="页面不存在" subTitle="请从“年度报告”列表中选择年度。" />;
}
