// The fields of promotionCreate and promotionUpdate (seed 002 promo body), and their decoding.
import { builder } from '../../../graphql/builder.js';
import { DiscountTypeEnum } from '../../../orders/graphql/types.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import type { PromotionFields } from '../../promotion-service.js';
import { PromotionGroupEnum, PromotionPlatformEnum, PromotionTypeEnum } from '../types.js';

type GlobalId = { typename: string; id: string } | string;

export function promotionInput(name: string, description: string, required: boolean) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({
      group: t.field({ type: PromotionGroupEnum, required, description: 'PROMO (applies by itself) or COUPON (applies by its code).' }),
      type: t.field({ type: PromotionTypeEnum, required, description: 'PRODUCT (the goods) or SHIPPING.' }),
      name: t.string({ required, description: 'Name, at most 100 characters; order discounts it gives carry it.' }),
      couponCode: t.string({ required: false, description: 'Code of a COUPON (required for one): 3 to 40 letters, digits, "_" or "-", unique in the shop whatever the case.' }),
      discountType: t.field({ type: DiscountTypeEnum, required, description: 'PERCENTAGE or NOMINAL.' }),
      discountValue: t.field({ type: 'Decimal', required, description: 'The percentage (at most 100) or the amount, more than 0.' }),
      maxDiscount: t.field({ type: 'Decimal', required: false, description: 'Most the discount gives per order; null: no cap.' }),
      startsAt: t.field({ type: 'DateTime', required, description: 'From when it applies; not in the past when created.' }),
      endsAt: t.field({ type: 'DateTime', required: false, description: 'Until when it applies, after startsAt; null: no end.' }),
      quota: t.int({ required: false, description: 'Uses allowed in all; null: unlimited.' }),
      perCustomerLimit: t.int({ required: false, description: 'Uses allowed per customer, 1 to 9; null: unlimited.' }),
      minQuantity: t.int({ required: false, description: 'Units of the covered products an order needs; null: none.' }),
      minSubtotal: t.field({ type: 'Decimal', required: false, description: 'Subtotal (after line discounts) an order needs; null: none.' }),
      customerCategoryCodes: t.stringList({ required: false, description: 'Customer category codes it is for (e.g. "N", "Y", "D"); empty or null: every customer.' }),
      platforms: t.field({ type: [PromotionPlatformEnum], required: false, description: 'Platforms it is for; empty or null: every platform.' }),
      couriers: t.globalIDList({ required: false, description: 'Couriers it is for; empty or null: every courier.' }),
      allProducts: t.boolean({ required: false, description: 'True (the default on create): every product; false: the products listed.' }),
      products: t.globalIDList({ required: false, description: 'Products it covers when allProducts is false.' }),
      isActive: t.boolean({ required: false, description: 'Switched on; default true on create.' }),
    }),
  });
}

export const PromotionCreateInput = promotionInput('PromotionCreateInput', 'A new promotion or coupon.', true);

type Input = typeof PromotionCreateInput.$inferInput;
type PartialInput = { [K in keyof Input]?: Input[K] | null };

export function promotionFields(input: PartialInput): PromotionFields {
  const { couriers, products, ...rest } = input;
  return {
    ...rest,
    ...(couriers !== undefined ? { courierIds: couriers === null ? null : couriers.map((c: GlobalId) => decodeIdArg(c, 'Courier')) } : {}),
    ...(products !== undefined ? { productIds: products === null ? null : products.map((p: GlobalId) => decodeIdArg(p, 'Product')) } : {}),
  };
}

export function promotionPayload(name: string, description: string) {
  return builder.objectRef<{ promotionId: number }>(name).implement({
    description,
    fields: (t) => ({
      promotion: t.prismaField({
        type: 'Promotion',
        description: 'The promotion after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.promotion.findUniqueOrThrow({ ...query, where: { id: p.promotionId } }),
      }),
    }),
  });
}
