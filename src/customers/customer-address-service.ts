// Saved shipping addresses of a customer. At most one is the default: every write
// locks the customer row first, so setting a new default and unsetting the old one
// happen together and two concurrent writes cannot leave two defaults.
import { transaction, type Tx } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import type { CustomerDeps } from './customer-service.js';
import { lockLiveCustomer } from './customer-service.js';
import { checkOptionalText, checkPhone, checkPostalCode, checkRegion } from './customer-fields.js';

/** Fields of an address; undefined = not given (unchanged), null = cleared. */
export interface AddressFields {
  label?: string | null;
  recipientName?: string | null;
  phone?: string | null;
  address?: string | null;
  regionId?: number | null;
  postalCode?: string | null;
  isDefault?: boolean | null;
}

function checkAddressText(problems: Problems, input: AddressFields, creating: boolean) {
  // On create a missing recipient is the customer (filled in below); given, it must not be blank.
  const recipientName = input.recipientName != null ? checkText(problems, ['recipientName'], input.recipientName, { required: true, max: 100 }) : undefined;
  if (!creating && input.recipientName === null) problems.add(['recipientName'], 'cannot be cleared');
  const address = input.address !== undefined || creating ? checkText(problems, ['address'], input.address, { required: true, max: 500 }) : undefined;
  if (!creating && input.isDefault === null) problems.add(['isDefault'], 'must be true or false when given');
  return {
    label: checkOptionalText(problems, ['label'], input.label, 50),
    recipientName,
    phone: checkPhone(problems, ['phone'], input.phone),
    address,
    postalCode: checkPostalCode(problems, ['postalCode'], input.postalCode),
  };
}

async function unsetOtherDefaults(tx: Tx, customerId: number, keepId: number) {
  await tx.customerAddress.updateMany({ where: { customerId, isDefault: true, id: { not: keepId } }, data: { isDefault: false } });
}

export async function addCustomerAddress(deps: CustomerDeps, customerId: number, input: AddressFields): Promise<{ customerId: number; addressId: number }> {
  const problems = new Problems();
  const fields = checkAddressText(problems, input, true);
  return transaction(deps, async ({ tx }) => {
    const customer = await lockLiveCustomer(tx, deps.tenantId, customerId);
    await checkRegion(tx, deps.tenantId, problems, ['region'], input.regionId);
    problems.throwIfAny();
    // The first address is the default whatever the input says: a customer with addresses always has one.
    const hasDefault = (await tx.customerAddress.count({ where: { customerId: customer.id, isDefault: true } })) > 0;
    const isDefault = !hasDefault || input.isDefault === true;
    const created = await tx.customerAddress.create({
      data: {
        tenantId: deps.tenantId,
        customerId: customer.id,
        ...fields,
        recipientName: fields.recipientName ?? customer.name,
        address: fields.address!,
        regionId: input.regionId ?? null,
        isDefault,
      },
      select: { id: true },
    });
    if (isDefault) await unsetOtherDefaults(tx, customer.id, created.id);
    return { customerId: customer.id, addressId: created.id };
  });
}

/** The address if the tenant has it and its customer is not deleted, read after locking that customer. */
async function findAddress(tx: Tx, tenantId: number, addressId: number) {
  const owner = await tx.customerAddress.findFirst({ where: { id: addressId, tenantId }, select: { customerId: true } });
  if (!owner) throw new NotFoundError('CustomerAddress', String(addressId));
  try {
    await lockLiveCustomer(tx, tenantId, owner.customerId);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('CustomerAddress', String(addressId));
    throw error;
  }
  const address = await tx.customerAddress.findFirst({
    where: { id: addressId, tenantId },
    select: { id: true, customerId: true, isDefault: true },
  });
  if (!address) throw new NotFoundError('CustomerAddress', String(addressId));
  return address;
}

export async function updateCustomerAddress(deps: CustomerDeps, addressId: number, input: AddressFields): Promise<{ customerId: number; addressId: number }> {
  const problems = new Problems();
  const fields = checkAddressText(problems, input, false);
  return transaction(deps, async ({ tx }) => {
    const found = await findAddress(tx, deps.tenantId, addressId);
    if (input.isDefault === false && found.isDefault) problems.add(['isDefault'], 'the default address stays the default until another one is made the default');
    await checkRegion(tx, deps.tenantId, problems, ['region'], input.regionId);
    problems.throwIfAny();
    await tx.customerAddress.update({
      where: { id: found.id },
      data: { ...fields, regionId: input.regionId, ...(input.isDefault != null ? { isDefault: input.isDefault } : {}) },
    });
    if (input.isDefault === true) await unsetOtherDefaults(tx, found.customerId, found.id);
    return { customerId: found.customerId, addressId: found.id };
  });
}

/** Removes an address; when it was the default, the oldest remaining address becomes the default. */
export async function removeCustomerAddress(deps: CustomerDeps, addressId: number): Promise<{ customerId: number; addressId: number; newDefaultAddressId: number | null }> {
  return transaction(deps, async ({ tx }) => {
    const found = await findAddress(tx, deps.tenantId, addressId);
    await tx.customerAddress.delete({ where: { id: found.id } });
    let newDefaultAddressId: number | null = null;
    if (found.isDefault) {
      const next = await tx.customerAddress.findFirst({ where: { customerId: found.customerId }, orderBy: { id: 'asc' }, select: { id: true } });
      if (next) {
        await tx.customerAddress.update({ where: { id: next.id }, data: { isDefault: true } });
        newDefaultAddressId = next.id;
      }
    }
    return { customerId: found.customerId, addressId: found.id, newDefaultAddressId };
  });
}
