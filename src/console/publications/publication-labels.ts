// Chinese names of the 主动公开 codes (they mirror src/domain/publication; the console keeps its own copy).

export const PUBLICATION_STATE_LABELS: Record<string, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '已退回',
  published: '已发布',
  withdrawn: '已撤回',
};

export const PUBLICATION_STATE_COLORS: Record<string, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'warning',
  published: 'success',
  withdrawn: 'error',
};

export const KIND_OPTIONS = [
  { value: 'rules', label: '规章' },
  { value: 'normativeDocuments', label: '行政规范性文件' },
  { value: 'other', label: '其他' },
];

export const VALIDITY_OPTIONS = [
  { value: 'effective', label: '有效' },
  { value: 'expired', label: '失效' },
  { value: 'repealed', label: '废止' },
];

export const CHANNEL_OPTIONS = [
  { value: 'website', label: '政府网站' },
  { value: 'wechat', label: '微信公众号' },
  { value: 'weibo', label: '微博' },
  { value: 'otherNewMedia', label: '其他政务新媒体' },
];

export const HIT_KIND_LABELS: Record<string, string> = {
  id_number: '身份证号码',
  mobile: '手机号码',
  bank_card: '银行卡号',
  email: '电子邮箱',
  classification_mark: '密级标志',
  sensitive_word: '敏感词',
  wrong_term: '错敏词',
};

/** Where a hit was found, in words. */
export function sourceLabel(source: string): string {
  if (source === 'title') return '标题';
  if (source === 'summary') return '内容概述';
  if (source === 'body') return '正文';
  if (source.startsWith('attachment:')) return `附件“${source.slice('attachment:'.length)}”`;
  return source;
}

export const ATTACHMENT_RULES = '可上传 PDF、Word（DOCX）、Excel（XLSX）文件和 PNG、JPEG、GIF、WebP 图片，每个不超过 20 MB；系统按文件内容识别类型，并检查其中的文字。';

export const labelIn = (options: readonly { value: string; label: string }[], value: string): string => options.find((o) => o.value === value)?.label ?? value;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
