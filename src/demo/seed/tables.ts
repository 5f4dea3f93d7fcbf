// The tables the seed writes, in insert order (a table only references tables
// above it, or itself), with each column's type as the bulk insert encodes it.

export type ColType = 'int' | 'text' | 'bool' | 'money' | 'coord' | 'ts' | 'texts' | `enum:${string}`;
// ref: the table whose row index the value holds (turned into that row's id at insert time).
export type Col = readonly [name: string, type: ColType, ref?: string];
export type Row = Record<string, unknown>;

export const TABLES = {
  Region: [['level', 'enum:RegionLevel'], ['code', 'text'], ['name', 'text'], ['parentId', 'int', 'Region'], ['postalCodes', 'texts'], ['isoCode', 'text']],
  Courier: [['code', 'text'], ['name', 'text'], ['supportsCod', 'bool'], ['isActive', 'bool'], ['createdAt', 'ts']],
  CourierService: [
    ['courierId', 'int', 'Courier'], ['code', 'text'], ['name', 'text'], ['type', 'enum:CourierServiceType'], ['supportsCod', 'bool'], ['isActive', 'bool'],
    ['createdAt', 'ts'],
  ],
  ShippingRate: [
    ['serviceId', 'int', 'CourierService'], ['originRegionId', 'int', 'Region'], ['destinationRegionId', 'int', 'Region'], ['stepGrams', 'int'],
    ['firstStepPrice', 'money'], ['nextStepPrice', 'money'], ['minDays', 'int'], ['maxDays', 'int'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  BankAccount: [['bankName', 'text'], ['accountName', 'text'], ['accountNumber', 'text'], ['isActive', 'bool'], ['createdAt', 'ts']],
  OrderSource: [['name', 'text'], ['isActive', 'bool'], ['createdAt', 'ts']],
  DeliveryType: [['code', 'text'], ['name', 'text'], ['needsCourier', 'bool'], ['isActive', 'bool'], ['createdAt', 'ts']],
  OrderReason: [['kind', 'enum:ReasonKind'], ['code', 'text'], ['label', 'text'], ['isActive', 'bool']],
  SalesTeam: [['name', 'text'], ['isActive', 'bool'], ['createdAt', 'ts']],
  SalesRep: [['name', 'text'], ['phone', 'text'], ['email', 'text'], ['teamId', 'int', 'SalesTeam'], ['isActive', 'bool'], ['createdAt', 'ts']],
  VisitStatus: [['name', 'text'], ['type', 'enum:VisitStatusType'], ['position', 'int'], ['isActive', 'bool']],
  CustomerCategory: [
    ['code', 'text'], ['name', 'text'], ['isActive', 'bool'], ['discountAccess', 'bool'], ['wholesaleAccess', 'bool'], ['createdAt', 'ts'],
  ],
  Promotion: [
    ['group', 'enum:PromotionGroup'], ['type', 'enum:PromotionType'], ['name', 'text'], ['couponCode', 'text'],
    ['discountType', 'enum:DiscountType'], ['discountValue', 'money'], ['maxDiscount', 'money'], ['startsAt', 'ts'], ['endsAt', 'ts'],
    ['quota', 'int'], ['perCustomerLimit', 'int'], ['minQuantity', 'int'], ['minSubtotal', 'money'], ['customerCategoryCodes', 'texts'],
    ['allProducts', 'bool'], ['isActive', 'bool'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  Supplier: [
    ['name', 'text'], ['phone', 'text'], ['email', 'text'], ['address', 'text'], ['regionId', 'int', 'Region'], ['postalCode', 'text'],
    ['notes', 'text'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  Warehouse: [
    ['code', 'text'], ['name', 'text'], ['phone', 'text'], ['address', 'text'], ['regionId', 'int', 'Region'], ['postalCode', 'text'],
    ['isActive', 'bool'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  ProductCategory: [['name', 'text'], ['parentId', 'int', 'ProductCategory'], ['createdAt', 'ts']],
  Product: [
    ['name', 'text'], ['description', 'text'], ['stockType', 'enum:StockType'], ['categoryId', 'int', 'ProductCategory'],
    ['supplierId', 'int', 'Supplier'], ['weightGrams', 'int'], ['images', 'texts'], ['isActive', 'bool'], ['isFeatured', 'bool'],
    ['showStock', 'bool'], ['preorderUnit', 'enum:PreorderUnit'], ['preorderLength', 'int'], ['archivedAt', 'ts'], ['createdAt', 'ts'],
    ['updatedAt', 'ts'],
  ],
  Variation: [
    ['productId', 'int', 'Product'], ['sku', 'text'], ['name', 'text'], ['size', 'text'], ['color', 'text'], ['weightGrams', 'int'],
    ['images', 'texts'], ['costPrice', 'money'], ['price', 'money'], ['available', 'bool'], ['archivedAt', 'ts'], ['createdAt', 'ts'],
    ['updatedAt', 'ts'],
  ],
  VariationPrice: [['variationId', 'int', 'Variation'], ['customerCategoryId', 'int', 'CustomerCategory'], ['price', 'money']],
  WholesalePrice: [['variationId', 'int', 'Variation'], ['minQty', 'int'], ['maxQty', 'int'], ['price', 'money']],
  Customer: [
    ['name', 'text'], ['phone', 'text'], ['email', 'text'], ['lineId', 'text'], ['otherContact', 'text'],
    ['categoryId', 'int', 'CustomerCategory'], ['status', 'enum:CustomerStatus'], ['address', 'text'], ['regionId', 'int', 'Region'],
    ['postalCode', 'text'], ['notes', 'text'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  CustomerAddress: [
    ['customerId', 'int', 'Customer'], ['label', 'text'], ['recipientName', 'text'], ['phone', 'text'], ['address', 'text'],
    ['regionId', 'int', 'Region'], ['postalCode', 'text'], ['isDefault', 'bool'], ['createdAt', 'ts'],
  ],
  Order: [
    ['code', 'text'], ['kind', 'enum:OrderKind'], ['status', 'enum:OrderStatus'], ['paymentStatus', 'enum:PaymentStatus'],
    ['channel', 'text'], ['sourceId', 'int', 'OrderSource'], ['externalRef', 'text'], ['externalStatus', 'text'],
    ['customerId', 'int', 'Customer'], ['customerCategoryId', 'int', 'CustomerCategory'], ['originWarehouseId', 'int', 'Warehouse'],
    ['destinationWarehouseId', 'int', 'Warehouse'], ['paymentMethod', 'enum:PaymentMethod'], ['subtotal', 'money'],
    ['itemDiscountTotal', 'money'], ['shippingTotal', 'money'], ['discountTotal', 'money'], ['taxTotal', 'money'], ['codFee', 'money'],
    ['insuranceTotal', 'money'], ['otherCostTotal', 'money'], ['grandTotal', 'money'], ['weightGrams', 'int'], ['notes', 'text'],
    ['internalNotes', 'text'], ['salesRep', 'text'], ['orderedAt', 'ts'], ['confirmedAt', 'ts'], ['processedAt', 'ts'],
    ['packedAt', 'ts'], ['shippedAt', 'ts'], ['completedAt', 'ts'], ['cancelledAt', 'ts'], ['returnedAt', 'ts'],
    ['returnStatus', 'enum:ReturnStatus'], ['returnedTotal', 'money'], ['paidAt', 'ts'],
    ['printedAt', 'ts'], ['printedBy', 'text'], ['cancelReason', 'enum:CancelReason'], ['cancelNote', 'text'], ['cancelledBy', 'text'],
    ['pickupOption', 'enum:PickupOption'], ['version', 'int'], ['createdBy', 'text'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
    ['salesRepId', 'int', 'SalesRep'], ['salesTeamId', 'int', 'SalesTeam'],
  ],
  Visit: [
    ['customerId', 'int', 'Customer'], ['salesRepId', 'int', 'SalesRep'], ['teamId', 'int', 'SalesTeam'], ['statusId', 'int', 'VisitStatus'],
    ['visitedAt', 'ts'], ['notes', 'text'], ['orderId', 'int', 'Order'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  OrderParty: [
    ['orderId', 'int', 'Order'], ['role', 'enum:PartyRole'], ['customerId', 'int', 'Customer'], ['name', 'text'], ['phone', 'text'],
    ['email', 'text'], ['address', 'text'], ['regionId', 'int', 'Region'], ['province', 'text'], ['city', 'text'], ['district', 'text'],
    ['subDistrict', 'text'], ['postalCode', 'text'], ['country', 'text'], ['latitude', 'coord'], ['longitude', 'coord'], ['remarks', 'text'],
  ],
  OrderItem: [
    ['orderId', 'int', 'Order'], ['variationId', 'int', 'Variation'], ['sku', 'text'], ['productName', 'text'], ['variationName', 'text'],
    ['quantity', 'int'], ['unit', 'text'], ['unitPrice', 'money'], ['priceSource', 'enum:PriceSource'], ['costPrice', 'money'], ['discountType', 'enum:DiscountType'],
    ['discountValue', 'text'], ['discountAmount', 'money'], ['lineTotal', 'money'], ['weightGrams', 'int'], ['isCancelled', 'bool'],
    ['externalLineId', 'text'], ['note', 'text'], ['receivedQuantity', 'int'], ['returnedQuantity', 'int'],
  ],
  OrderItemAllocation: [['orderItemId', 'int', 'OrderItem'], ['warehouseId', 'int', 'Warehouse'], ['quantity', 'int'], ['shippedQuantity', 'int']],
  OrderAdjustment: [
    ['orderId', 'int', 'Order'], ['category', 'enum:AdjustmentCategory'], ['name', 'text'], ['type', 'enum:DiscountType'], ['value', 'text'],
    ['amount', 'money'], ['createdAt', 'ts'],
  ],
  OrderEvent: [
    ['orderId', 'int', 'Order'], ['sequence', 'int'], ['type', 'text'], ['fromStatus', 'enum:OrderStatus'], ['toStatus', 'enum:OrderStatus'],
    ['actor', 'text'], ['reason', 'text'], ['note', 'text'], ['createdAt', 'ts'],
  ],
  Comment: [['orderId', 'int', 'Order'], ['author', 'text'], ['body', 'text'], ['visibility', 'enum:CommentVisibility'], ['createdAt', 'ts']],
  CancellationRequest: [
    ['orderId', 'int', 'Order'], ['requestedBy', 'enum:CancellationRequester'], ['reason', 'enum:CancelReason'], ['note', 'text'],
    ['status', 'enum:CancellationRequestStatus'], ['decidedAt', 'ts'], ['decidedBy', 'text'], ['createdAt', 'ts'], ['deadlineAt', 'ts'],
  ],
  OrderReturn: [
    ['orderId', 'int', 'Order'], ['returnBy', 'text'], ['reason', 'text'], ['restock', 'bool'], ['value', 'money'], ['actor', 'text'], ['createdAt', 'ts'],
  ],
  OrderReturnLine: [
    ['returnId', 'int', 'OrderReturn'], ['orderItemId', 'int', 'OrderItem'], ['warehouseId', 'int', 'Warehouse'], ['quantity', 'int'],
    ['restock', 'bool'], ['value', 'money'],
  ],
  Shipment: [
    ['orderId', 'int', 'Order'], ['warehouseId', 'int', 'Warehouse'], ['courierId', 'int', 'Courier'], ['serviceName', 'text'],
    ['trackingNumber', 'text'], ['status', 'enum:ShipmentStatus'], ['pickupOption', 'enum:PickupOption'], ['pickupRequestedAt', 'ts'],
    ['pickupSlotStart', 'ts'], ['pickupSlotEnd', 'ts'], ['pickupCancelledAt', 'ts'], ['shippingCost', 'money'], ['weightGrams', 'int'],
    ['lengthCm', 'int'], ['widthCm', 'int'], ['heightCm', 'int'], ['labelPrintedAt', 'ts'], ['labelPrintedBy', 'text'], ['shippedAt', 'ts'],
    ['deliveredAt', 'ts'], ['createdAt', 'ts'], ['updatedAt', 'ts'],
  ],
  ShipmentEvent: [
    ['shipmentId', 'int', 'Shipment'], ['status', 'text'], ['location', 'text'], ['description', 'text'], ['occurredAt', 'ts'], ['createdAt', 'ts'],
  ],
  Payment: [
    ['orderId', 'int', 'Order'], ['kind', 'enum:PaymentKind'], ['method', 'enum:PaymentMethod'], ['amount', 'money'],
    ['bankAccountId', 'int', 'BankAccount'], ['installmentNumber', 'int'], ['reference', 'text'], ['note', 'text'], ['paidAt', 'ts'],
    ['recordedBy', 'text'], ['refundFor', 'enum:RefundFor'], ['createdAt', 'ts'],
  ],
  StockLevel: [['variationId', 'int', 'Variation'], ['warehouseId', 'int', 'Warehouse'], ['onHand', 'int'], ['reserved', 'int'], ['inTransit', 'int'], ['updatedAt', 'ts']],
  StockMovement: [
    ['variationId', 'int', 'Variation'], ['warehouseId', 'int', 'Warehouse'], ['kind', 'enum:StockMovementKind'], ['quantityIn', 'int'],
    ['quantityOut', 'int'], ['reservedDelta', 'int'], ['inTransitDelta', 'int'], ['balance', 'int'], ['description', 'text'], ['actor', 'text'],
    ['orderId', 'int', 'Order'], ['createdAt', 'ts'],
  ],
} as const satisfies Record<string, readonly Col[]>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
