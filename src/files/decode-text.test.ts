import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

describe('decodeText', () => {
  const text = '规章\t0\t1\t2\n漯河市商务局';

  it('reads UTF-8 with and without a BOM', () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeText(utf8)).toBe(text);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(text);
  });

  it('reads UTF-16 with either BOM, and little-endian UTF-16 without one', () => {
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1] ?? 0;
      be[i + 1] = le[i] ?? 0;
    }
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]))).toBe(text);
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]))).toBe(text);
    const ascii = 'Page 1\t0\t0\t0\n';
    expect(decodeText(new Uint8Array(Buffer.from(ascii, 'utf16le')))).toBe(ascii);
  });

  it('falls back to GB18030 when the bytes are not UTF-8', () => {
    // GBK bytes of “规章” and “你好” (b9e6 d5c2, c4e3 bac3), as a GBK editor saves them.
    expect(decodeText(new Uint8Array([0xb9, 0xe6, 0xd5, 0xc2, 0x09, 0x30]))).toBe('规章\t0');
    expect(decodeText(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]))).toBe('你好');
  });

  it('returns an empty string for no bytes', () => {
    expect(decodeText(new Uint8Array())).toBe('');
  });
});
