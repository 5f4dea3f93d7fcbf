// The shop's fixed setup: bank accounts, order sources and reasons, warehouses,
// suppliers, and the staff names that appear as actors.

export const BANKS = [
  ['BCA', '8720'],
  ['Mandiri', '1370'],
  ['BNI', '0451'],
  ['BRI', '0335'],
] as const;

export const ORDER_SOURCES = ['Instagram', 'WhatsApp', 'Shopee', 'Tokopedia', 'Website', 'Facebook'] as const;

export const ORDER_REASONS: readonly (readonly ['CANCEL' | 'RETURN' | 'PENDING', string, string])[] = [
  ['CANCEL', 'customer_request', 'Permintaan pembeli'],
  ['CANCEL', 'out_of_stock', 'Stok habis'],
  ['CANCEL', 'payment_failed', 'Pembayaran tidak diterima'],
  ['CANCEL', 'fraud_detected', 'Terindikasi penipuan'],
  ['CANCEL', 'duplicate_order', 'Pesanan ganda'],
  ['CANCEL', 'other', 'Alasan lain'],
  ['RETURN', 'wrong_size', 'Ukuran tidak sesuai'],
  ['RETURN', 'damaged', 'Barang rusak saat diterima'],
  ['RETURN', 'wrong_item', 'Barang yang dikirim salah'],
  ['RETURN', 'not_as_described', 'Tidak sesuai deskripsi'],
  ['RETURN', 'delivery_failed', 'Gagal kirim, kembali ke pengirim'],
  ['PENDING', 'awaiting_payment', 'Menunggu pembayaran'],
  ['PENDING', 'awaiting_stock', 'Menunggu stok'],
  ['PENDING', 'address_check', 'Verifikasi alamat'],
];

export const WAREHOUSES = [
  { code: 'GDG-JKT', name: 'Gudang Jakarta', region: '31.73.05.1001', street: 'Jl. Panjang No. 18', hub: 'Hub Cakung', weight: 40 },
  { code: 'GDG-BDG', name: 'Gudang Bandung', region: '32.73.05.1004', street: 'Jl. Merdeka No. 56', hub: 'Hub Bandung Soekarno-Hatta', weight: 20 },
  { code: 'GDG-SBY', name: 'Gudang Surabaya', region: '35.78.09.1001', street: 'Jl. Genteng Kali No. 9', hub: 'Hub Surabaya Rungkut', weight: 20 },
  { code: 'GDG-SMG', name: 'Gudang Semarang', region: '33.74.07.1001', street: 'Jl. Ngesrep Timur V No. 3', hub: 'Hub Semarang Kaligawe', weight: 12 },
  { code: 'GDG-DPS', name: 'Gudang Denpasar', region: '51.71.03.1007', street: 'Jl. Gunung Agung No. 77', hub: 'Hub Denpasar Cargo', weight: 8 },
] as const;

export const SUPPLIERS = [
  'CV Sumber Rejeki Textile',
  'PT Tekstil Nusantara Abadi',
  'UD Makmur Jaya',
  'CV Kopi Lampung Raya',
  'PT Kosmetika Indah Lestari',
  'CV Elektronik Sinar Mas',
  'UD Snack Juara Malang',
  'PT Perabot Rumah Sentosa',
];

export const STAFF = ['cs.rina', 'cs.dimas', 'admin.ayu', 'admin.budi'];
export const SALES_REPS = ['Andi Saputra', 'Wulan Lestari', 'Hendra Gunawan', 'Maya Kusuma'];
/** The reps' teams, by rep (same order as SALES_REPS). */
export const SALES_TEAMS = ['Tim Jakarta', 'Tim Jawa Barat'];
export const SALES_REP_TEAM = [0, 0, 1, 1];
/** The shop's visit outcomes, in list order; the first ORDER one is the default. */
export const VISIT_STATUSES = [
  ['Order', 'ORDER'],
  ['Toko tutup', 'NO_ORDER'],
  ['Stok masih ada', 'NO_ORDER'],
  ['Pemilik tidak ada', 'NO_ORDER'],
] as const;

/** Seed 002 promo examples: "Promo Awal Bulan" (automatic, off) and coupon KUPON50 (shipping). Money in cents. */
export const PROMOTIONS = [
  {
    group: 'PROMO', type: 'PRODUCT', name: 'Promo Awal Bulan', couponCode: null, discountType: 'PERCENTAGE', discountValue: 500, maxDiscount: 500_000,
    endsAt: null, quota: null, perCustomerLimit: null, minQuantity: null, minSubtotal: null, customerCategoryCodes: [], allProducts: true, isActive: false,
  },
  {
    group: 'COUPON', type: 'SHIPPING', name: 'Kupon KUPON50', couponCode: 'KUPON50', discountType: 'NOMINAL', discountValue: 500_000, maxDiscount: null,
    endsAt: null, quota: 500, perCustomerLimit: 1, minQuantity: null, minSubtotal: 5_000_000, customerCategoryCodes: ['N', 'Y', 'D'], allProducts: true, isActive: true,
  },
] as const;
