// The life of a 主动公开 item as a table a lawyer can read: for each state (and 'none', before
// the first event), each kind of event either moves the item on or is refused, with the reason
// in plain Chinese. What the state alone cannot decide (who acts at which step, the 保密审查
// checklist, the screening hits, the data each event carries) is in apply-publication-event.ts.
import type { PublicationEventKind, PublicationState } from './publication.ts';

/** 'none': no event yet; only 起草 or 导入 can start an item. */
export type PublicationStateOrNone = PublicationState | 'none';

export type PublicationTransition =
  | { readonly allowed: true; readonly to: PublicationState; readonly basis: string }
  | { readonly allowed: false; readonly reason: string };

const to = (state: PublicationState, basis: string): PublicationTransition => ({ allowed: true, to: state, basis });
const refuse = (reason: string): PublicationTransition => ({ allowed: false, reason });

const STARTED = refuse('该信息已经建立，不能重复起草或导入');
const NOT_PUBLISHED_WITHDRAW = refuse('尚未发布的信息不能撤回');
const NOT_PUBLISHED_CORRECT = refuse('尚未发布的信息不需要更正，请直接修改');
const NOT_PUBLISHED_VALIDITY = refuse('尚未发布的信息请直接修改有效性');
const PUBLISHED_NO_REVIEW = refuse('已发布的信息不再审核；需要改动的，请登记更正');
const WITHDRAWN = (what: string): PublicationTransition => refuse(`已撤回的信息不能${what}`);

const BASIS_DRAFT = '条例第二十条至第二十二条：属于主动公开范围的政府信息，由本机关起草并确定公开内容';
const BASIS_REVIEW = '条例第十七条：发布前依照法律、法规和国家有关规定进行审查（保密审查），本机关审核流程逐级审核';
const BASIS_PUBLISH = '条例第二十三条、第二十六条：审核通过后通过政府网站等渠道发布，并自形成之日起20个工作日内公开';
const BASIS_CORRECT = '条例第十二条：政府信息公开目录应当及时更新；更正记录在信息上公示';
const BASIS_VALIDITY = '条例第十二条：目录载明有效性；失效、废止的规章和行政规范性文件计入年度报告表二（第二十条第（一）项）';

export const PUBLICATION_TRANSITIONS: Record<PublicationStateOrNone, Record<PublicationEventKind, PublicationTransition>> = {
  none: {
    drafted: to('draft', BASIS_DRAFT),
    edited: refuse('尚未起草，不能修改'),
    submitted: refuse('尚未起草，不能提交审核'),
    approved: refuse('尚未起草，不能审核'),
    returned: refuse('尚未起草，不能退回'),
    published: refuse('尚未起草，不能发布'),
    withdrawn: NOT_PUBLISHED_WITHDRAW,
    corrected: NOT_PUBLISHED_CORRECT,
    validityChanged: refuse('尚未起草，不能变更有效性'),
    imported: to('published', '已在本系统以外发布的主动公开信息，按原索引号和发布日期导入目录（条例第十二条）'),
  },
  draft: {
    drafted: STARTED,
    edited: to('draft', BASIS_DRAFT),
    submitted: to('in_review', BASIS_REVIEW),
    approved: refuse('草稿尚未提交审核，不能审核'),
    returned: refuse('草稿尚未提交审核，不能退回'),
    published: refuse('未经审核的信息不能发布（条例第十七条）'),
    withdrawn: NOT_PUBLISHED_WITHDRAW,
    corrected: NOT_PUBLISHED_CORRECT,
    validityChanged: NOT_PUBLISHED_VALIDITY,
    imported: STARTED,
  },
  in_review: {
    drafted: STARTED,
    // Only the reviewer of the current step, fixing what screening found (apply-publication-event.ts).
    edited: to('in_review', '审核人在本环节审核时修改（如处理自动检查发现的问题）'),
    submitted: refuse('该信息已在审核中，不能重复提交'),
    approved: to('in_review', BASIS_REVIEW),
    returned: to('returned', '审核人退回修改，须写明意见；修改后重新提交，从第一个环节重新审核'),
    // Only once every step has approved (apply/evolve check currentStep).
    published: to('published', BASIS_PUBLISH),
    withdrawn: NOT_PUBLISHED_WITHDRAW,
    corrected: NOT_PUBLISHED_CORRECT,
    validityChanged: NOT_PUBLISHED_VALIDITY,
    imported: STARTED,
  },
  returned: {
    drafted: STARTED,
    edited: to('returned', '退回后由起草人按审核意见修改'),
    submitted: to('in_review', BASIS_REVIEW),
    approved: refuse('该信息已退回起草人修改，须重新提交后才能审核'),
    returned: refuse('该信息已经退回，不能重复退回'),
    published: refuse('退回修改的信息须重新提交并经全部环节审核通过后才能发布（条例第十七条）'),
    withdrawn: NOT_PUBLISHED_WITHDRAW,
    corrected: NOT_PUBLISHED_CORRECT,
    validityChanged: NOT_PUBLISHED_VALIDITY,
    imported: STARTED,
  },
  published: {
    drafted: STARTED,
    edited: refuse('已发布的信息不能直接修改，请登记更正并写明理由'),
    submitted: refuse('该信息已经发布，不能再提交审核；需要改动的，请登记更正'),
    approved: PUBLISHED_NO_REVIEW,
    returned: PUBLISHED_NO_REVIEW,
    published: refuse('该信息已经发布，不能重复发布'),
    withdrawn: to('withdrawn', '条例第十二条：目录应当及时更新；发布后撤回的，从门户下架，撤回理由记录在信息上'),
    corrected: to('published', BASIS_CORRECT),
    validityChanged: to('published', BASIS_VALIDITY),
    imported: STARTED,
  },
  withdrawn: {
    drafted: STARTED,
    edited: WITHDRAWN('修改'),
    submitted: WITHDRAWN('提交审核'),
    approved: WITHDRAWN('审核'),
    returned: WITHDRAWN('退回'),
    published: WITHDRAWN('重新发布；需要重新公开的，请新建信息'),
    withdrawn: refuse('该信息已经撤回，不能重复撤回'),
    corrected: WITHDRAWN('更正'),
    // 撤回 takes the item off the portal; it does not repeal the document, which may still be repealed later (table 二).
    validityChanged: to('withdrawn', `${BASIS_VALIDITY}；撤回不改变文件的效力`),
    imported: STARTED,
  },
};

export function findPublicationTransition(state: PublicationStateOrNone, kind: PublicationEventKind): PublicationTransition {
  return PUBLICATION_TRANSITIONS[state][kind];
}
