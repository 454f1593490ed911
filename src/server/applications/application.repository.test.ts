import { describe, expect, it } from 'vitest';
import { toIsoTimestamp } from './application.repository.ts';

describe('toIsoTimestamp', () => {
  it('reads SQLite (UTC, no zone) and PostgreSQL (with zone) timestamps as ISO UTC', () => {
    expect(toIsoTimestamp('2025-09-15 02:30:00')).toBe('2025-09-15T02:30:00.000Z');
    expect(toIsoTimestamp('2025-09-15 10:30:00.123456+08')).toBe('2025-09-15T02:30:00.123Z');
    expect(toIsoTimestamp('2025-09-15 02:30:00+00')).toBe('2025-09-15T02:30:00.000Z');
    expect(toIsoTimestamp('2025-09-15 02:30:00-0530')).toBe('2025-09-15T08:00:00.000Z');
  });
});
