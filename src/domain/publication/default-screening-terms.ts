// The built-in 错敏词: wrong official names and phrasings that are wrong in any government text,
// each with its correct form. Agencies add their own lists (screenText's `terms`). Only entries
// whose rule is published are here; words that are right in other senses are left out, because
// terms match as plain substrings (e.g. 村长 would flag 农村长期).
import type { ScreeningTerm } from './screen-text.ts';

function wrong(term: string, correction: string): ScreeningTerm {
  return { kind: 'wrong_term', term, correction };
}

export const DEFAULT_WRONG_TERMS: readonly ScreeningTerm[] = [
  // 国名: 《中华人民共和国宪法》.
  wrong('中华人民共合国', '中华人民共和国'),
  // 机构名称: 国务院办公厅、中共中央办公厅 (《国务院关于机构设置的通知》; 党中央工作机关).
  wrong('国务院办公室', '国务院办公厅'),
  wrong('中共中央办公室', '中共中央办公厅'),
  // 条例是行政法规（国务院令第711号），没有“政府信息公开法”.
  wrong('中华人民共和国政府信息公开法', '中华人民共和国政府信息公开条例'),
  // 新华社《新华社新闻信息报道中的禁用词和慎用词》(2016年7月修订): “一带一路”不称战略.
  wrong('“一带一路”战略', '“一带一路”倡议'),
  wrong('"一带一路"战略', '"一带一路"倡议'),
  wrong('一带一路战略', '“一带一路”倡议'),
  // 同上，涉台: 不称“台湾政府”，不称台湾地区领导人为“总统”.
  wrong('台湾政府', '台湾当局'),
  wrong('台湾总统', '台湾地区领导人'),
  // 同上: 不使用“前苏联”.
  wrong('前苏联', '苏联'),
  // 《香港特别行政区基本法》《澳门特别行政区基本法》: 特别行政区政府.
  wrong('香港政府', '香港特别行政区政府'),
  wrong('澳门政府', '澳门特别行政区政府'),
];
