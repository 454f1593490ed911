// 监督汇总 (issue 7), for the 政务公开办: the annual reports of the agency's subtree for one year —
// who has published, who is late, the sums of tables 二 三 四, one agency's report in detail, the
// deadline, the downloads and the import of reports of agencies not on the platform.
import { Result } from 'antd';
import type { SectionProps } from '../section-props.ts';
import { defaultYear, parseSupervisionPath } from './supervision-logic.ts';
import { SupervisionPage } from './supervision-page.tsx';

export function SupervisionSection(props: SectionProps) {
  if (!props.actions.includes('supervision.read')) {
    return <Result status="403" title="无权查看监督汇总" subTitle="只有政务公开办的工作人员可以查看下级机关的年度报告汇总。" />;
  }
  const route = parseSupervisionPath(props.path, props.agency, defaultYear(new Date()));
  if (route === null) return <Result status="404" title="页面不存在" subTitle="请从左侧菜单“监督汇总”重新进入。" />;
  return <SupervisionPage route={route} canImport={props.actions.includes('supervision.import')} canSetDeadline={props.actions.includes('supervision.setDeadline')} />;
}
