import { describe, expect, it } from 'vitest';
import { ByteWriter, count1, csvField, money } from '../../../workers/domain/demo/csv';
import { isValidNpi, npiCheckDigit, syntheticNpi } from '../../../workers/domain/demo/npi';
import { Rng, WeightedSampler } from '../../../workers/domain/demo/random';

describe('synthetic NPIs', () => {
  it('computes the CMS check digit (80840 prefix Luhn)', () => {
    // The worked example of the CMS NPI check digit document: 123456789 -> check digit 3.
    expect(npiCheckDigit(123456789)).toBe(3);
    expect(isValidNpi(1234567893)).toBe(true);
    expect(isValidNpi(1234567890)).toBe(false);
  });

  it('are valid, distinct, start with the reserved digit 3 and fit a Uint32', () => {
    const seen = new Set<number>();
    const bad: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const npi = syntheticNpi(i);
      if (!isValidNpi(npi) || npi < 3e9 || npi >= 4e9 || npi >= 2 ** 32) bad.push(npi);
      seen.add(npi);
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBe(200_000);
  });
});

describe('seeded randomness', () => {
  it('repeats exactly for the same seed and stream, and differs across streams', () => {
    const a = new Rng(42, 'x');
    const b = new Rng(42, 'x');
    const c = new Rng(42, 'y');
    const sa = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(sa);
  });

  it('draws uniform, normal and weighted values with the right moments', () => {
    const rng = new Rng(7);
    let sum = 0;
    let sumSq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.03);
    const sampler = new WeightedSampler([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sampler.draw(rng)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
  });

  it('has a Pareto tail: P(X > 10 xm) is about 10^-alpha', () => {
    const rng = new Rng(3);
    let above = 0;
    for (let i = 0; i < 100_000; i++) if (rng.pareto(1, 1.5) > 10) above++;
    expect(above / 100_000).toBeGreaterThan(0.025);
    expect(above / 100_000).toBeLessThan(0.038);
  });
});

describe('CSV text', () => {
  it('quotes only when needed and formats numbers without locale', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(money(1234.5)).toBe('1234.50');
    expect(money(0.004)).toBe('0.00');
    expect(money(9.999)).toBe('10.00');
    expect(count1(12)).toBe('12');
    expect(count1(12.5)).toBe('12.5');
  });

  it('ByteWriter writes the same text as the string formatters', () => {
    const chunks: Uint8Array[] = [];
    const w = new ByteWriter((c) => chunks.push(c.slice()), 64);
    const values = [0, 1, 9.99, 10, 123.456, 1e6 + 0.5, 42.004];
    let expected = '';
    for (const v of values) {
      w.reserve(40);
      w.fixed2(v);
      w.byte(44);
      w.count1(v);
      w.byte(44);
      w.int(Math.round(v));
      w.byte(10);
      expected += `${money(v)},${count1(v)},${Math.round(v)}\n`;
    }
    w.flush();
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(expected);
  });
});
