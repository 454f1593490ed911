// The 保密审查 checklist answered before submission and at each review step (《保守国家秘密法》,
// 条例第十七条: 发布前依照法律、法规和国家有关规定进行审查). An agency may replace the questions.
export interface ChecklistQuestion {
  id: string;
  question: string;
}

export const DEFAULT_CONFIDENTIALITY_CHECKLIST: readonly ChecklistQuestion[] = [];
