// How urgent a case is, in words and colour: red when the reply period has passed,
// orange when it ends soon, grey while the clock is paused.
import { Tag } from 'antd';

interface Due {
  overdue: boolean;
  dueSoon: boolean;
  paused: boolean;
  workingDaysLeft: number | null;
  dueOn: string | null;
}

export function DueTag({ due }: { due: Due }) {
  if (due.overdue) return <Tag color="red">已超期</Tag>;
  if (due.dueSoon) return <Tag color="orange">即将到期</Tag>;
  if (due.paused) return <Tag>期限暂停计算</Tag>;
  return null;
}

/** 剩余工作日, as a person would read it. */
export function daysLeftText(due: Due): string {
  if (due.workingDaysLeft === null) return '—';
  if (due.workingDaysLeft < 0) return `超期 ${-due.workingDaysLeft} 个工作日`;
  // The last day has passed but the count of days past it is not yet one working day.
  if (due.overdue) return '已过答复期限';
  return `${due.workingDaysLeft} 个工作日`;
}
