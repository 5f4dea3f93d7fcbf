// Who may run which mutation, as a literal table: every mutation of the schema x
// the six roles, written out here (not computed from src/auth/permissions.ts or the
// lifecycle tables), and checked through the GraphQL API with a real key of each
// role. A mutation the table does not list, or a listed one the schema lacks, fails.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/generated/prisma/enums.js';
import { buildSchema } from '../../src/schema.js';
import { execute } from '../support/execute.js';
import { idTargetType, mutationCall, nodeTypeNames } from '../support/schema-walk.js';
import { newTenant } from '../support/tenant.js';

type Cell = 'allowed' | 'FORBIDDEN';
const ROLE_COLUMNS: readonly Role[] = ['OWNER', 'ADMIN', 'STAFF', 'WAREHOUSE', 'PARTNER', 'VIEWER'];

// ordersTransition is called with its first transition value, CONFIRM, so it answers as orderConfirm does.
// prettier-ignore
const MATRIX: Record<string, readonly [owner: Cell, admin: Cell, staff: Cell, warehouse: Cell, partner: Cell, viewer: Cell]> = {
  //                          OWNER        ADMIN        STAFF        WAREHOUSE    PARTNER      VIEWER
  apiKeyCreate:             ['allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  apiKeyRevoke:             ['allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  cancellationRequestSettingsUpdate: ['allowed', 'allowed', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  deliveryTypeCreate:       ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  deliveryTypeUpdate:       ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderTransferCodeAssign:  ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  paymentSubmissionConfirm: ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  paymentSubmissionCreate:  ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'allowed'  , 'FORBIDDEN'],
  paymentSubmissionReject:  ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  reportSettingsUpdate:     ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  bankAccountCreate:        ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  bankAccountDeactivate:    ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  bankAccountUpdate:        ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  codRemittanceRecord:      ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  commentAdd:               ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  commentDelete:            ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  courierCreate:            ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  courierDeactivate:        ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  courierUpdate:            ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  courierServiceCreate:     ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  courierServiceDeactivate: ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  courierServiceUpdate:     ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerAccept:           ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerActivate:         ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerAddressAdd:       ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerAddressRemove:    ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerAddressUpdate:    ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerBlock:            ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerCategoryCreate:   ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerCategoryDelete:   ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerCategoryUpdate:   ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerCreate:           ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerDeactivate:       ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerDelete:           ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerRefuse:           ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerUnblock:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  customerUpdate:           ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  documentsPrint:           ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  exportCreate:             ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderCancel:              ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderCancellationApprove: ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderCancellationReject:  ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderCancellationRequest: ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'allowed'  , 'FORBIDDEN'],
  orderComplete:            ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderConfirm:             ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderCreate:              ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'allowed'  , 'FORBIDDEN'],
  orderEdit:                ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderPack:                ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  orderPlace:               ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'allowed'  , 'FORBIDDEN'],
  orderProcess:             ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  orderReasonCreate:        ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderReasonDeactivate:    ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderReasonUpdate:        ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderSourceCreate:        ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderSourceDeactivate:    ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderSourceUpdate:        ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderReturn:              ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderSetPending:          ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderShip:                ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  orderTagsUpdate:          ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  orderValidate:            ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  ordersTransition:         ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  paymentRecord:            ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  paymentRefund:            ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  productArchive:           ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  productCategoryCreate:    ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  productCategoryDelete:    ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  productCategoryUpdate:    ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  productCreate:            ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  productDelete:            ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  productUnarchive:         ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  productUpdate:            ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  productWholesaleSet:      ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  promotionActivate:        ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  promotionCreate:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  promotionDeactivate:      ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  promotionUpdate:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  salesRepCreate:           ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  salesRepDeactivate:       ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  salesRepUpdate:           ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  salesTeamCreate:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  salesTeamDeactivate:      ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  salesTeamUpdate:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  shipmentCreate:           ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  shipmentLabelMarkPrinted: ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  shipmentPickupCancel:     ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  shipmentPickupRequest:    ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  shipmentSetTracking:      ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  shipmentTrackingAppend:   ['allowed'  , 'allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  shippingRateDelete:       ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  shippingRateSet:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  stockAdjust:              ['allowed'  , 'allowed'  , 'FORBIDDEN', 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  stockAdjustMany:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  stockMove:                ['allowed'  , 'allowed'  , 'FORBIDDEN', 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  stockSet:                 ['allowed'  , 'allowed'  , 'FORBIDDEN', 'allowed'  , 'FORBIDDEN', 'FORBIDDEN'],
  supplierCreate:           ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  supplierDelete:           ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  supplierUpdate:           ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  tenantSettingsUpdate:     ['allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  variationArchive:         ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  variationCreate:          ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  variationDelete:          ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  variationPricesSet:       ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  variationUnarchive:       ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  variationUpdate:          ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  visitCreate:              ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  visitStatusCreate:        ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  visitStatusDeactivate:    ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  visitStatusUpdate:        ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  visitUpdate:              ['allowed'  , 'allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  warehouseActivate:        ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  warehouseCreate:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  warehouseDeactivate:      ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  warehouseDelete:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  warehouseUpdate:          ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  webhookDeliveryRetry:     ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  webhookEndpointCreate:    ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  webhookEndpointDelete:    ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  webhookEndpointDisable:   ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  webhookEndpointEnable:    ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  webhookEndpointRotateSecret:['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  webhookEndpointUpdate:    ['allowed'  , 'allowed'  , 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
};

const schema = buildSchema();
const mutations = Object.values(schema.getMutationType()!.getFields());
const nodeTypes = nodeTypeNames(schema);
// Ids that are well formed but name nothing: authorisation comes before any lookup.
const missingId = (type: string) => Buffer.from(`${type}:2147480000`).toString('base64');

const keys = new Map<Role, string>();
beforeAll(async () => {
  const t = await newTenant();
  for (const role of ROLE_COLUMNS) keys.set(role, await t.apiKey(role));
});

describe('the literal permission matrix', () => {
  it('lists exactly the mutations of the schema', () => {
    expect(mutations.map((f) => f.name).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('keeps customer blocking from STAFF', () => {
    expect(MATRIX.customerBlock![2]).toBe('FORBIDDEN');
    expect(MATRIX.customerUnblock![2]).toBe('FORBIDDEN');
  });

  it.each(ROLE_COLUMNS.map((role, column) => ({ role, column })))('answers $role as the table says for every mutation', async ({ role, column }) => {
    const key = keys.get(role)!;
    const wrong: string[] = [];
    for (const field of mutations) {
      const { document, variables } = mutationCall(schema, field, {
        optionalIds: false,
        idFor: (name) => missingId(idTargetType(nodeTypes, name, field.name) ?? 'Order'),
      });
      if (field.name === 'ordersTransition') expect(variables.transition).toBe('CONFIRM');
      const response = await execute<any, any>(key, document, variables);
      const got: Cell = response.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') ? 'FORBIDDEN' : 'allowed';
      const expected = MATRIX[field.name]?.[column] ?? 'not in the table';
      if (got !== expected) wrong.push(`${field.name}: ${got}, the table says ${expected}`);
    }
    expect(wrong).toEqual([]);
  });
});
