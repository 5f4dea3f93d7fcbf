// Customer categories in the shape of seed 002 (N customer, Y reseller, D
// dropshipper, ...) with how each one buys and what it pays.

export interface CategorySpec {
  code: string;
  name: string;
  isActive: boolean;
  discountAccess: boolean;
  wholesaleAccess: boolean;
  /** Category price as a share of the base price, or null for base price. */
  factor: number | null;
  /** Share of variations with a price for this category. */
  coverage: number;
  /** Weight among customers. */
  share: number;
  /** Buys by the dozen (wholesale tiers, PPN on offline invoices). */
  bulk: boolean;
  /** May pay by installments. */
  installments: boolean;
  /** Usually ships to its own buyers under its shop name. */
  dropship: boolean;
}

export const CUSTOMER_CATEGORIES: readonly CategorySpec[] = [
  { code: 'N', name: 'Pelanggan', isActive: true, discountAccess: true, wholesaleAccess: true, factor: null, coverage: 0, share: 56, bulk: false, installments: false, dropship: false },
  { code: 'Y', name: 'Reseller', isActive: true, discountAccess: true, wholesaleAccess: true, factor: 0.85, coverage: 0.9, share: 18, bulk: true, installments: true, dropship: false },
  { code: 'D', name: 'Dropshipper', isActive: true, discountAccess: false, wholesaleAccess: false, factor: 0.9, coverage: 0.9, share: 12, bulk: false, installments: false, dropship: true },
  { code: 'MG', name: 'Member Gold', isActive: true, discountAccess: true, wholesaleAccess: false, factor: 0.95, coverage: 0.5, share: 8, bulk: false, installments: true, dropship: false },
  { code: 'AG', name: 'Agen', isActive: true, discountAccess: false, wholesaleAccess: true, factor: 0.8, coverage: 0.4, share: 6, bulk: true, installments: true, dropship: false },
  { code: 'VIP', name: 'Member Platinum (lama)', isActive: false, discountAccess: true, wholesaleAccess: true, factor: 0.9, coverage: 0.1, share: 0, bulk: false, installments: false, dropship: false },
];
