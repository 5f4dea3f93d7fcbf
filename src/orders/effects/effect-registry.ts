// Effect names of the transition table -> the functions that run them.
import type { EffectName } from '../transitions.js';
import { createShipment } from './create-shipment.js';
import type { Effect } from './effect-context.js';
import { receiveStock } from './receive-stock.js';
import { recordCancellation } from './record-cancellation.js';
import { recordReturn, refundReturn, restock } from './record-return.js';
import { refreshPaymentStatus } from './refresh-payment-status.js';
import { releasePromotionUses } from './release-promotions.js';
import { releaseStock } from './release-stock.js';
import { reserveStock } from './reserve-stock.js';
import { setPickupOption } from './set-pickup-option.js';
import { shipStock } from './ship-stock.js';

export const EFFECTS: Record<EffectName, Effect> = {
  reserveStock,
  releaseStock,
  shipStock,
  createShipment,
  setPickupOption,
  recordCancellation,
  releasePromotions: releasePromotionUses,
  recordReturn,
  restock,
  refundReturn,
  refreshPaymentStatus,
  receiveStock,
};
