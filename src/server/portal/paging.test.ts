import { describe, expect, it } from 'vitest';
import { pageLinks, pageWindow, parsePageParam } from './paging.ts';

describe('portal paging', () => {
  it('splits 45 items into pages of 20: 1–20, 21–40, 41–45', () => {
    expect(pageWindow(45, 1)).toEqual({ page: 1, pageCount: 3, offset: 0, limit: 20, firstItem: 1, lastItem: 20 });
    expect(pageWindow(45, 3)).toEqual({ page: 3, pageCount: 3, offset: 40, limit: 20, firstItem: 41, lastItem: 45 });
    expect(pageWindow(45, 4)).toBeNull();
    expect(pageWindow(40, 2)).toEqual({ page: 2, pageCount: 2, offset: 20, limit: 20, firstItem: 21, lastItem: 40 });
    expect(pageWindow(40, 3)).toBeNull();
  });

  it('an empty list still has page 1, showing nothing', () => {
    expect(pageWindow(0, 1)).toEqual({ page: 1, pageCount: 1, offset: 0, limit: 20, firstItem: 0, lastItem: 0 });
    expect(pageWindow(0, 2)).toBeNull();
    expect(pageWindow(10, 0)).toBeNull();
  });

  it('links the first, the last and two either side, with gaps (a gap of one page shows the page)', () => {
    expect(pageLinks(6, 20)).toEqual([1, null, 4, 5, 6, 7, 8, null, 20]);
    expect(pageLinks(1, 20)).toEqual([1, 2, 3, null, 20]);
    expect(pageLinks(4, 20)).toEqual([1, 2, 3, 4, 5, 6, null, 20]);
    expect(pageLinks(5, 20)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 20]);
    expect(pageLinks(20, 20)).toEqual([1, null, 18, 19, 20]);
    expect(pageLinks(1, 1)).toEqual([1]);
    expect(pageLinks(2, 3)).toEqual([1, 2, 3]);
  });

  it('reads ?page=: absent is 1, only positive integers', () => {
    expect(parsePageParam(undefined)).toBe(1);
    expect(parsePageParam('')).toBe(1);
    expect(parsePageParam('7')).toBe(7);
    expect(parsePageParam('0')).toBeNull();
    expect(parsePageParam('-1')).toBeNull();
    expect(parsePageParam('1.5')).toBeNull();
    expect(parsePageParam('1e3')).toBeNull();
    expect(parsePageParam('1234567')).toBeNull();
    expect(parsePageParam(['1', '2'])).toBeNull();
  });
});
