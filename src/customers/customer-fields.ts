// Checks of the fields customers and their addresses share: phone, email, postal
// code, and that a region or category belongs to the caller's tenant. Problems are
// collected with their input path; nothing here writes.
import type { Tx } from '../db/transaction.js';
import { checkText, type InputPath, type Problems } from '../shared/validation.js';

const PHONE = /^\+?\d{6,20}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const POSTAL_CODE = /^\d{3,10}$/;

/** "0812-3456 7890" -> "081234567890": spaces, "-", "(" and ")" are dropped, then digits with an optional leading "+", 6 to 20 of them. */
export function checkPhone(problems: Problems, path: InputPath, value: string | null | undefined): string | null | undefined {
  const text = checkText(problems, path, value, { max: 40 });
  if (text === undefined) return value === null ? null : undefined;
  if (!text) return null;
  const phone = text.replace(/[\s()-]/g, '');
  if (!PHONE.test(phone)) {
    problems.add(path, 'must be a phone number: 6 to 20 digits, optionally starting with "+"');
    return undefined;
  }
  return phone;
}

export function checkEmail(problems: Problems, path: InputPath, value: string | null | undefined): string | null | undefined {
  const text = checkText(problems, path, value, { max: 254 });
  if (text === undefined) return value === null ? null : undefined;
  if (!text) return null;
  if (!EMAIL.test(text)) {
    problems.add(path, 'must be an email address such as budi@example.com');
    return undefined;
  }
  return text.toLowerCase();
}

export function checkPostalCode(problems: Problems, path: InputPath, value: string | null | undefined): string | null | undefined {
  const text = checkText(problems, path, value, { max: 10 });
  if (text === undefined) return value === null ? null : undefined;
  if (!text) return null;
  if (!POSTAL_CODE.test(text)) {
    problems.add(path, 'must be 3 to 10 digits');
    return undefined;
  }
  return text;
}

/** Optional free text: trimmed, empty means null, undefined means "not given". */
export function checkOptionalText(problems: Problems, path: InputPath, value: string | null | undefined, max: number): string | null | undefined {
  const text = checkText(problems, path, value, { max });
  if (text === undefined) return value === null ? null : undefined;
  return text || null;
}

/** A problem at `path` unless the region is the tenant's. */
export async function checkRegion(tx: Tx, tenantId: number, problems: Problems, path: InputPath, regionId: number | null | undefined): Promise<void> {
  if (regionId == null) return;
  const region = await tx.region.findFirst({ where: { id: regionId, tenantId }, select: { id: true } });
  if (!region) problems.add(path, 'is not a region of this shop');
}

/**
 * The category id named by global id or by code (seed 002 "N", "Y", "D" or a custom code),
 * with a problem at its path if it is not the tenant's or is inactive (inactive categories
 * take no new customers). `current` is the customer's category: keeping it is always fine.
 */
export async function resolveCategory(
  tx: Tx,
  tenantId: number,
  problems: Problems,
  given: { categoryId?: number | null; categoryCode?: string | null },
  current: number | null = null,
): Promise<number | null | undefined> {
  const { categoryId, categoryCode } = given;
  if (categoryId != null && categoryCode != null) {
    problems.add(['categoryCode'], 'give either category or categoryCode, not both');
    return undefined;
  }
  if (categoryId === undefined && categoryCode === undefined) return undefined;
  // null (and no other choice) takes the customer out of any category.
  if (categoryId == null && categoryCode == null) return null;
  const path = categoryId != null ? ['category'] : ['categoryCode'];
  const where = categoryId != null ? { id: categoryId, tenantId } : { code: categoryCode!.trim(), tenantId };
  const category = await tx.customerCategory.findFirst({ where, select: { id: true, isActive: true } });
  if (!category) {
    problems.add(path, categoryId != null ? 'is not a customer category of this shop' : `no customer category has code "${categoryCode}"`);
    return undefined;
  }
  if (!category.isActive && category.id !== current) {
    problems.add(path, 'is an inactive category: it takes no new customers');
    return undefined;
  }
  return category.id;
}
