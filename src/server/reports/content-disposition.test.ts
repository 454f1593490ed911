import { describe, expect, it } from 'vitest';
import { contentDisposition, encodeRfc5987 } from './content-disposition.ts';

describe('contentDisposition', () => {
  it('percent-encodes the UTF-8 bytes of a Chinese name', () => {
    // 示 = U+793A = E7 A4 BA in UTF-8; 年 = U+5E74 = E5 B9 B4.
    expect(encodeRfc5987('示年.docx')).toBe('%E7%A4%BA%E5%B9%B4.docx');
  });

  it('encodes the characters encodeURIComponent leaves but RFC 5987 forbids', () => {
    expect(encodeRfc5987("a'(b)*!")).toBe('a%27%28b%29%2A%21');
  });

  it('gives an ASCII fallback and the encoded name', () => {
    expect(contentDisposition('报告.txt', 'demo-2025.txt')).toBe(`attachment; filename="demo-2025.txt"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.txt`);
  });

  it('keeps quotes and non-ASCII out of the fallback', () => {
    expect(contentDisposition('x', 'a"b示.txt')).toBe(`attachment; filename="a_b_.txt"; filename*=UTF-8''x`);
  });
});
