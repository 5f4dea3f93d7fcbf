// Suppliers (seed 002 /supplier create and update; delete added): name, contact,
// address with its region and notes. Delete is refused while products name the
// supplier. No GraphQL here.
import { transaction, type Tx } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import type { CatalogDeps } from './catalog-guards.js';
import { SupplierInUseError } from './errors.js';

export interface SupplierFields {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  regionId?: number | null;
  postalCode?: string | null;
  notes?: string | null;
}

const PHONE = /^\+?[0-9 ()-]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTAL_CODE = /^[0-9A-Za-z -]{3,10}$/;

/** Checks every field given; `required` for create. Returns the cleaned values (undefined = unchanged, null = cleared). */
function checkFields(input: SupplierFields, required: boolean) {
  const problems = new Problems();
  const name = input.name !== undefined || required ? checkText(problems, ['name'], input.name, { required: true, max: 200 }) : undefined;
  const phone = checkText(problems, ['phone'], input.phone, { max: 30 });
  if (phone && !PHONE.test(phone)) problems.add(['phone'], 'must be a phone number: digits, spaces, "+", "-", "(" and ")"');
  const email = checkText(problems, ['email'], input.email, { max: 200 });
  if (email && !EMAIL.test(email)) problems.add(['email'], 'must be an email address');
  const address = checkText(problems, ['address'], input.address, { max: 500 });
  const postalCode = checkText(problems, ['postalCode'], input.postalCode, { max: 10 });
  if (postalCode && !POSTAL_CODE.test(postalCode)) problems.add(['postalCode'], 'must be 3 to 10 letters or digits');
  const notes = checkText(problems, ['notes'], input.notes, { max: 2000 });
  problems.throwIfAny();
  return {
    ...(name !== undefined ? { name } : {}),
    ...(input.phone !== undefined ? { phone: phone || null } : {}),
    ...(input.email !== undefined ? { email: email || null } : {}),
    ...(input.address !== undefined ? { address: address || null } : {}),
    ...(input.regionId !== undefined ? { regionId: input.regionId } : {}),
    ...(input.postalCode !== undefined ? { postalCode: postalCode || null } : {}),
    ...(input.notes !== undefined ? { notes: notes || null } : {}),
  };
}

async function checkRegion(deps: CatalogDeps, tx: Tx, regionId: number | null | undefined) {
  if (regionId == null) return;
  const region = await tx.region.findFirst({ where: { id: regionId, tenantId: deps.tenantId }, select: { id: true } });
  if (!region) throw new NotFoundError('Region', String(regionId));
}

export function createSupplier(deps: CatalogDeps, input: SupplierFields): Promise<{ supplierId: number }> {
  const data = checkFields(input, true);
  return transaction(deps, async ({ tx }) => {
    await checkRegion(deps, tx, data.regionId);
    const row = await tx.supplier.create({ data: { ...data, name: data.name!, tenantId: deps.tenantId }, select: { id: true } });
    return { supplierId: row.id };
  });
}

export function updateSupplier(deps: CatalogDeps, supplierId: number, input: SupplierFields): Promise<{ supplierId: number }> {
  const data = checkFields(input, false);
  return transaction(deps, async ({ tx }) => {
    const found = await tx.supplier.findFirst({ where: { id: supplierId, tenantId: deps.tenantId }, select: { id: true } });
    if (!found) throw new NotFoundError('Supplier', String(supplierId));
    await checkRegion(deps, tx, data.regionId);
    await tx.supplier.update({ where: { id: supplierId }, data, select: { id: true } });
    return { supplierId };
  });
}

/** Deletes a supplier no product names (archived ones count: their history shows it). */
export function deleteSupplier(deps: CatalogDeps, supplierId: number): Promise<{ supplierId: number; name: string }> {
  return transaction(deps, async ({ tx }) => {
    // Locked so a product cannot be given this supplier between the count and the delete.
    const rows = await tx.$queryRaw<Array<{ id: number; name: string }>>`
      SELECT "id", "name" FROM "Supplier" WHERE "id" = ${supplierId} AND "tenantId" = ${deps.tenantId} FOR UPDATE`;
    const supplier = rows[0];
    if (!supplier) throw new NotFoundError('Supplier', String(supplierId));
    const productCount = await tx.product.count({ where: { supplierId } });
    if (productCount > 0) throw new SupplierInUseError(supplierId, productCount);
    await tx.supplier.delete({ where: { id: supplierId } });
    return { supplierId, name: supplier.name };
  });
}
