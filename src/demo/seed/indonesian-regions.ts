// A slice of Indonesia's administrative regions, enough for addresses all over
// Java, Bali, Sumatra and Sulawesi. Kemendagri-style codes:
// province.city.district.village (1xxx kelurahan, 2xxx desa).

type SubdistrictSpec = readonly [code: string, name: string, postalCode: string];
type DistrictSpec = readonly [code: string, name: string, subdistricts: readonly SubdistrictSpec[]];
type CitySpec = readonly [code: string, name: string, lat: number, lng: number, districts: readonly DistrictSpec[]];
type ProvinceSpec = readonly [code: string, name: string, cities: readonly CitySpec[]];

export const REGIONS: readonly ProvinceSpec[] = [
  ['31', 'DKI Jakarta', [
    ['31.71', 'Kota Jakarta Pusat', -6.1865, 106.8341, [
      ['31.71.01', 'Gambir', [['1001', 'Gambir', '10110'], ['1002', 'Cideng', '10150'], ['1004', 'Petojo Utara', '10130']]],
      ['31.71.06', 'Menteng', [['1001', 'Menteng', '10310'], ['1002', 'Pegangsaan', '10320'], ['1003', 'Cikini', '10330']]],
    ]],
    ['31.74', 'Kota Jakarta Selatan', -6.2615, 106.8106, [
      ['31.74.07', 'Kebayoran Baru', [['1001', 'Selong', '12110'], ['1002', 'Gunung', '12120'], ['1008', 'Senayan', '12190']]],
      ['31.74.01', 'Tebet', [['1001', 'Tebet Barat', '12810'], ['1005', 'Manggarai', '12850']]],
    ]],
    ['31.73', 'Kota Jakarta Barat', -6.1674, 106.7637, [
      ['31.73.05', 'Kebon Jeruk', [['1001', 'Kebon Jeruk', '11530'], ['1004', 'Kedoya Utara', '11520']]],
      ['31.73.03', 'Grogol Petamburan', [['1001', 'Grogol', '11450'], ['1003', 'Tanjung Duren Selatan', '11470']]],
    ]],
  ]],
  ['32', 'Jawa Barat', [
    ['32.73', 'Kota Bandung', -6.9175, 107.6191, [
      ['32.73.13', 'Coblong', [['1001', 'Dago', '40135'], ['1002', 'Lebakgede', '40132'], ['1004', 'Sekeloa', '40134']]],
      ['32.73.05', 'Sumur Bandung', [['1001', 'Braga', '40111'], ['1004', 'Merdeka', '40113']]],
    ]],
    ['32.01', 'Kabupaten Bogor', -6.5944, 106.7892, [
      ['32.01.01', 'Cibinong', [['1001', 'Cibinong', '16911'], ['1003', 'Pakansari', '16915']]],
    ]],
    ['32.75', 'Kota Bekasi', -6.2383, 106.9756, [
      ['32.75.01', 'Bekasi Barat', [['1001', 'Kranji', '17135'], ['1004', 'Bintara', '17134']]],
    ]],
    ['32.06', 'Kabupaten Tasikmalaya', -7.3506, 108.2172, [
      ['32.06.30', 'Sukaratu', [['2001', 'Sukaratu', '46415'], ['2002', 'Gunungsari', '46415']]],
    ]],
  ]],
  ['33', 'Jawa Tengah', [
    ['33.74', 'Kota Semarang', -6.9667, 110.4167, [
      ['33.74.10', 'Semarang Tengah', [['1001', 'Pekunden', '50134'], ['1003', 'Sekayu', '50132']]],
      ['33.74.07', 'Tembalang', [['1001', 'Tembalang', '50275'], ['1005', 'Bulusan', '50277']]],
    ]],
    ['33.72', 'Kota Surakarta', -7.5755, 110.8243, [
      ['33.72.01', 'Laweyan', [['1001', 'Laweyan', '57148'], ['1005', 'Sondakan', '57147']]],
    ]],
  ]],
  ['34', 'DI Yogyakarta', [
    ['34.71', 'Kota Yogyakarta', -7.7956, 110.3695, [
      ['34.71.05', 'Gondokusuman', [['1001', 'Terban', '55223'], ['1005', 'Baciro', '55225']]],
    ]],
    ['34.04', 'Kabupaten Sleman', -7.7167, 110.3556, [
      ['34.04.07', 'Depok', [['2001', 'Caturtunggal', '55281'], ['2003', 'Condongcatur', '55283']]],
    ]],
  ]],
  ['35', 'Jawa Timur', [
    ['35.78', 'Kota Surabaya', -7.2575, 112.7521, [
      ['35.78.09', 'Genteng', [['1001', 'Genteng', '60275'], ['1004', 'Embong Kaliasin', '60271']]],
      ['35.78.02', 'Wonokromo', [['1001', 'Darmo', '60241'], ['1004', 'Ngagel', '60246']]],
    ]],
    ['35.07', 'Kabupaten Malang', -8.1648, 112.6385, [
      ['35.07.17', 'Tajinan', [['2001', 'Tajinan', '65172'], ['2006', 'Gunungronggo', '65172']]],
    ]],
    ['35.73', 'Kota Malang', -7.9666, 112.6326, [
      ['35.73.02', 'Klojen', [['1003', 'Kauman', '65119'], ['1006', 'Oro-oro Dowo', '65119']]],
    ]],
  ]],
  ['51', 'Bali', [
    ['51.71', 'Kota Denpasar', -8.6705, 115.2126, [
      ['51.71.03', 'Denpasar Barat', [['1004', 'Dauh Puri', '80113'], ['1007', 'Pemecutan', '80119']]],
    ]],
    ['51.03', 'Kabupaten Badung', -8.5819, 115.1771, [
      ['51.03.01', 'Kuta', [['1001', 'Kuta', '80361'], ['1004', 'Legian', '80361']]],
    ]],
  ]],
  ['12', 'Sumatera Utara', [
    ['12.75', 'Kota Medan', 3.5952, 98.6722, [
      ['12.75.08', 'Medan Baru', [['1001', 'Babura', '20153'], ['1005', 'Petisah Hulu', '20151']]],
    ]],
  ]],
  ['73', 'Sulawesi Selatan', [
    ['73.71', 'Kota Makassar', -5.1477, 119.4327, [
      ['73.71.08', 'Ujung Pandang', [['1004', 'Losari', '90111'], ['1006', 'Sawerigading', '90115']]],
    ]],
  ]],
];
