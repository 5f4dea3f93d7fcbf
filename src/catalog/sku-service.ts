// SKU suggestion and check (seed 002 GET /product/sku/generate-new and POST
// /product/sku/validation): reads only, so no transaction.
import type { Db } from '../db/client.js';
import { checkText, Problems } from '../shared/validation.js';
import { checkSku, firstFreeSku, skuBase } from './sku.js';

export interface SkuReadDeps {
  prisma: Db;
  tenantId: number;
}

/**
 * A SKU no variation of the tenant has, built from the product name and the
 * attributes (colour, size, ...): "SEP-MER-XL", else "SEP-MER-XL-2", ... `exclude`
 * lists SKUs the client has already picked for other rows of the same form.
 */
export async function suggestSku(deps: SkuReadDeps, productName: string, attributes: string[], exclude: string[]): Promise<{ sku: string; base: string }> {
  const problems = new Problems();
  checkText(problems, ['productName'], productName, { required: true, max: 200 });
  if (attributes.length > 5) problems.add(['attributes'], 'at most 5 attributes');
  attributes.forEach((a, i) => checkText(problems, ['attributes', i], a, { max: 50 }));
  if (exclude.length > 200) problems.add(['exclude'], 'at most 200 SKUs');
  problems.throwIfAny();
  const base = skuBase(productName, attributes);
  const taken = await deps.prisma.variation.findMany({
    where: { tenantId: deps.tenantId, sku: { startsWith: base } },
    select: { sku: true },
  });
  return { sku: firstFreeSku(base, new Set([...taken.map((v) => v.sku), ...exclude.map((s) => s.trim())])), base };
}

export interface SkuCheck {
  sku: string;
  problems: string[];
  existingVariationId: number | null;
}

/** Whether `sku` is valid and free for the tenant; the variation's own SKU counts as free. */
export async function checkSkuAvailable(deps: SkuReadDeps, sku: string, variationId: number | null): Promise<SkuCheck> {
  const problems = new Problems();
  const clean = checkSku(problems, [], sku);
  const existing = clean
    ? await deps.prisma.variation.findFirst({ where: { tenantId: deps.tenantId, sku: clean }, select: { id: true } })
    : null;
  return {
    sku: clean ?? sku.trim(),
    problems: problems.list.map((p) => p.message),
    existingVariationId: existing && existing.id !== variationId ? existing.id : null,
  };
}
