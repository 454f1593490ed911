import { describe, expect, it } from 'vitest';
import { formatTrackingNumber, parseTrackingNumber } from './format-tracking-number.ts';

describe('formatTrackingNumber', () => {
  it.each([
    ['DEMO', 2025, 123, 'DEMO-2025-000123'],
    ['demo', 2025, 1, 'DEMO-2025-000001'],
    ['city-bureau', 2026, 999999, 'CITY-BUREAU-2026-999999'],
    ['A1', 2019, 100000, 'A1-2019-100000'],
  ])('%s, %i, %i → %s', (agencyCode, year, sequence, expected) => {
    expect(formatTrackingNumber(agencyCode, year, sequence)).toBe(expected);
  });

  it.each([0, -1, 1_000_000, 1.5])('refuses the sequence %d', (sequence) => {
    expect(() => formatTrackingNumber('DEMO', 2025, sequence)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', details: { field: 'sequence' } }));
  });

  it.each(['', 'city_bureau', '示范局', 'DEMO 1', '-DEMO', 'DEMO-', 'DE--MO'])('refuses the agency code %j', (agencyCode) => {
    expect(() => formatTrackingNumber(agencyCode, 2025, 1)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', details: { field: 'agencyCode' } }));
  });

  it.each([25, 12345, 2025.5])('refuses the year %d', (year) => {
    expect(() => formatTrackingNumber('DEMO', year, 1)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', details: { field: 'year' } }));
  });
});

describe('parseTrackingNumber', () => {
  it('reads the parts back, splitting a hyphenated agency code from the right', () => {
    expect(parseTrackingNumber('DEMO-2025-000123')).toEqual({ agencyCode: 'DEMO', year: 2025, sequence: 123 });
    expect(parseTrackingNumber('CITY-BUREAU-2026-999999')).toEqual({ agencyCode: 'CITY-BUREAU', year: 2026, sequence: 999999 });
    expect(parseTrackingNumber('X-2024-1000-2025-000007')).toEqual({ agencyCode: 'X-2024-1000', year: 2025, sequence: 7 });
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(parseTrackingNumber('  demo-2025-000123 ')).toEqual({ agencyCode: 'DEMO', year: 2025, sequence: 123 });
  });

  it.each(['DEMO-2025-123', 'DEMO-25-000123', 'DEMO-2025-0001234', 'DEMO2025000123', '-2025-000123', 'DEMO-2025-000000', ''])(
    'refuses %j with BAD_INPUT',
    (value) => {
      expect(() => parseTrackingNumber(value)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', details: { field: 'trackingNumber' } }));
    },
  );

  it('round-trips what formatTrackingNumber writes', () => {
    const formatted = formatTrackingNumber('gov-01', 2024, 42);
    expect(formatted).toBe('GOV-01-2024-000042');
    expect(parseTrackingNumber(formatted)).toEqual({ agencyCode: 'GOV-01', year: 2024, sequence: 42 });
  });
});
