// Stub: replaced by the supervision screens.
import { Result } from 'antd';
import type { SectionProps } from '../section-props.ts';

export function SupervisionSection(props: SectionProps) {
  return <Result status="info" title="即将提供" subTitle={props.path} />;
}
