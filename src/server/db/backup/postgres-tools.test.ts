import { describe, expect, it } from 'vitest';
import { pgCommandTarget } from './postgres-tools.ts';

describe('pgCommandTarget', () => {
  it('moves the password out of the URL into PGPASSWORD, decoded, keeping the other parameters', () => {
    const target = pgCommandTarget('postgres://gongkai:p%40ss%2Fw@db.example:5433/gongkai?sslmode=require');
    expect(target.url).toBe('postgres://gongkai@db.example:5433/gongkai?sslmode=require');
    expect(target.env.PGPASSWORD).toBe('p@ss/w');
  });

  it('leaves a URL without a password as it is', () => {
    const target = pgCommandTarget('postgres://postgres@127.0.0.1:5432/test');
    expect(target.url).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(target.env.PGPASSWORD).toBe(process.env.PGPASSWORD);
  });
});
