// The product categories of the demo catalog: what sells in each, at what price
// and weight, and which attributes its variations differ by.

export type AttrKind = 'apparel' | 'shoes' | 'color' | 'volume' | 'shade' | 'flavor' | 'pack' | 'diameter';

export interface ProductCategorySpec {
  parent: string;
  name: string;
  prefix: string;
  attrs: AttrKind;
  price: readonly [number, number];
  weight: readonly [number, number];
  items: readonly string[];
}

export const PRODUCT_CATEGORIES: readonly ProductCategorySpec[] = [
  { parent: 'Fashion', name: 'Pakaian Wanita', prefix: 'PWN', attrs: 'apparel', price: [75_000, 350_000], weight: [250, 600],
    items: ['Gamis Ceruty Babydoll', 'Blouse Rayon Motif Bunga', 'Tunik Linen Polos', 'Rok Plisket Premium', 'Cardigan Rajut Oversize', 'Kulot Highwaist Crinkle', 'Dress Midi Katun', 'Setelan Piyama Satin'] },
  { parent: 'Fashion', name: 'Pakaian Pria', prefix: 'PPR', attrs: 'apparel', price: [60_000, 300_000], weight: [200, 700],
    items: ['Kemeja Flanel Lengan Panjang', 'Kaos Polos Cotton Combed 30s', 'Celana Chino Slim Fit', 'Jaket Bomber Parasut', 'Kemeja Batik Slimfit', 'Hoodie Fleece Polos', 'Celana Cargo Pendek', 'Koko Kurta Toyobo'] },
  { parent: 'Fashion', name: 'Hijab', prefix: 'HJB', attrs: 'color', price: [15_000, 95_000], weight: [80, 200],
    items: ['Pashmina Ceruty Babydoll', 'Hijab Segi Empat Voal Motif', 'Bergo Jersey Instan', 'Khimar Syari Wolfis', 'Ciput Rajut Anti Pusing'] },
  { parent: 'Fashion', name: 'Sepatu & Sandal', prefix: 'SPT', attrs: 'shoes', price: [85_000, 450_000], weight: [500, 1_000],
    items: ['Sneakers Kanvas Casual', 'Sepatu Pantofel Kulit', 'Sandal Slop Karet', 'Flat Shoes Wanita', 'Sepatu Running Ringan'] },
  { parent: 'Fashion', name: 'Tas & Dompet', prefix: 'TAS', attrs: 'color', price: [35_000, 350_000], weight: [150, 900],
    items: ['Tas Selempang Kulit Sintetis', 'Ransel Laptop Anti Air', 'Totebag Kanvas Sablon', 'Dompet Lipat Pria', 'Sling Bag Mini'] },
  { parent: 'Kecantikan', name: 'Perawatan Wajah', prefix: 'SKN', attrs: 'volume', price: [25_000, 150_000], weight: [50, 250],
    items: ['Serum Vitamin C', 'Facial Wash Gentle', 'Sunscreen SPF 50 PA++++', 'Toner Hydrating', 'Moisturizer Gel Aloe'] },
  { parent: 'Kecantikan', name: 'Makeup', prefix: 'MKP', attrs: 'shade', price: [20_000, 180_000], weight: [30, 150],
    items: ['Lip Cream Matte', 'Cushion Foundation', 'Bedak Padat Two Way Cake', 'Eyeliner Spidol Waterproof', 'Blush On Powder'] },
  { parent: 'Makanan & Minuman', name: 'Makanan Ringan', prefix: 'SNK', attrs: 'flavor', price: [10_000, 60_000], weight: [100, 550],
    items: ['Keripik Singkong', 'Basreng Daun Jeruk', 'Makaroni Ngehe', 'Kacang Bawang Renyah', 'Keripik Pisang', 'Seblak Instan Kering'] },
  { parent: 'Makanan & Minuman', name: 'Minuman', prefix: 'MNM', attrs: 'pack', price: [18_000, 120_000], weight: [200, 1_100],
    items: ['Kopi Bubuk Robusta Lampung', 'Teh Tubruk Wangi Melati', 'Kopi Susu Gula Aren', 'Susu Kurma Madu', 'Jahe Merah Instan'] },
  { parent: 'Makanan & Minuman', name: 'Bumbu Dapur', prefix: 'BMB', attrs: 'pack', price: [15_000, 75_000], weight: [150, 600],
    items: ['Sambal Bawang Homemade', 'Bumbu Rendang Instan', 'Kecap Manis Botol', 'Sambal Roa Manado'] },
  { parent: 'Elektronik', name: 'Aksesoris HP', prefix: 'AHP', attrs: 'color', price: [15_000, 250_000], weight: [50, 350],
    items: ['Charger Fast Charging 20W', 'Kabel Data Type-C 1m', 'Powerbank 10000mAh', 'Case HP Silikon Bening', 'Tempered Glass Full Cover', 'Holder HP Motor'] },
  { parent: 'Elektronik', name: 'Audio', prefix: 'AUD', attrs: 'color', price: [45_000, 450_000], weight: [100, 800],
    items: ['TWS Earbuds Bluetooth 5.3', 'Headset Gaming RGB', 'Speaker Bluetooth Mini', 'Earphone Kabel Bass'] },
  { parent: 'Rumah Tangga', name: 'Peralatan Dapur', prefix: 'DPR', attrs: 'diameter', price: [25_000, 450_000], weight: [300, 3_000],
    items: ['Panci Presto Stainless', 'Wajan Teflon Anti Lengket', 'Set Pisau Dapur 6 in 1', 'Rice Cooker Mini 0.8L', 'Toples Kaca Kedap Udara'] },
  { parent: 'Rumah Tangga', name: 'Dekorasi', prefix: 'DKR', attrs: 'color', price: [30_000, 300_000], weight: [200, 2_500],
    items: ['Lampu Tidur LED Estetik', 'Sarung Bantal Sofa Motif', 'Tirai Jendela Blackout', 'Rak Dinding Kayu Minimalis'] },
];

/** Brands appended to product names. */
export const BRANDS = ['Zahra', 'Rumah Kain', 'Nusantara', 'Kirana', 'Bintang', 'Sinar', 'Mutiara', 'Aruna', 'Lestari', 'Cahaya', 'Sekar', 'Arunika'];
