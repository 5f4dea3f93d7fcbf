// The seed's clock: every date is relative to a fixed instant, never the real
// clock, so runs are repeatable.

export const SEED_BASE_TIME = Date.UTC(2026, 10, 1);

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Orders span this many days before SEED_BASE_TIME. */
export const ORDER_WINDOW = 180 * DAY;
/** When the shop's reference data (couriers, categories, warehouses...) was set up. */
export const SETUP_TIME = SEED_BASE_TIME - 400 * DAY;
