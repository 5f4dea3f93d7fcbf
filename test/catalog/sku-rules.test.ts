import { describe, expect, it } from 'vitest';
import { checkSku, firstFreeSku, firstRepeatedSku, skuBase } from '../../src/catalog/sku.js';
import { Problems } from '../../src/shared/validation.js';

describe('SKU rules', () => {
  it.each([
    ['SEP-MER-KhC', 'SEP-MER-KhC'],
    ['  A1  ', 'A1'],
    ['KAOS/XL_2.0', 'KAOS/XL_2.0'],
    ['x'.repeat(50), 'x'.repeat(50)],
  ])('accepts %j as %j', (input, stored) => {
    const problems = new Problems();
    expect(checkSku(problems, ['sku'], input)).toBe(stored);
    expect(problems.list).toEqual([]);
  });

  it.each([
    ['', 'is required'],
    ['   ', 'is required'],
    ['x'.repeat(51), 'must be at most 50 characters'],
    ['-LEADING', 'may hold'],
    ['WITH SPACE', 'may hold'],
    ['ÜMLAUT', 'may hold'],
    ['semi;colon', 'may hold'],
  ])('refuses %j', (input, message) => {
    const problems = new Problems();
    expect(checkSku(problems, ['variations', 0, 'sku'], input)).toBeUndefined();
    expect(problems.list).toEqual([{ path: ['variations', '0', 'sku'], message: expect.stringContaining(message) }]);
  });

  it.each([
    ['Sepatu', [], 'SEP'],
    ['Sepatu', ['merah'], 'SEP-MER'],
    ['Sepatu Kulit', ['Merah Muda', 'XL'], 'SEP-MER-XL'],
    ['Café', ['ñ'], 'CAF-N'],
    ['!!!', ['', '--'], 'SKU'],
    ['42', ['7'], '42-7'],
  ])('builds the base of %j %j as %j', (name, attributes, base) => {
    expect(skuBase(name, attributes)).toBe(base);
  });

  it('keeps a long base within the SKU length, with room for a counter', () => {
    const base = skuBase('Sepatu', Array.from({ length: 20 }, () => 'Merah'));
    expect(base.length).toBeLessThanOrEqual(46);
    expect(base.endsWith('-')).toBe(false);
  });

  it('takes the first free counter', () => {
    expect(firstFreeSku('SEP', new Set())).toBe('SEP');
    expect(firstFreeSku('SEP', new Set(['SEP', 'SEP-2', 'SEP-4']))).toBe('SEP-3');
  });

  it('finds the second use of a repeated SKU', () => {
    expect(firstRepeatedSku([{ sku: 'A', path: ['v', 0] }, { sku: undefined, path: ['v', 1] }, { sku: 'A', path: ['v', 2] }])).toEqual({ sku: 'A', path: ['v', '2'] });
    expect(firstRepeatedSku([{ sku: 'A', path: [] }, { sku: 'a', path: [] }])).toBeNull();
  });
});
