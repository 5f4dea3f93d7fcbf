// Made-up Indonesian contact details: people's names, mobile numbers and street
// addresses.
import type { Rng } from './random.js';
import { pad } from './zero-pad.js';

const FEMALE_NAMES = ['Siti', 'Dewi', 'Putri', 'Rina', 'Sri', 'Ayu', 'Nurul', 'Fitri', 'Indah', 'Wulan', 'Ratna', 'Maya', 'Dian', 'Intan', 'Anisa', 'Nabila', 'Aulia', 'Rahma', 'Kartika', 'Mega', 'Yuliana', 'Novi', 'Endah', 'Tri', 'Citra'];
const MALE_NAMES = ['Budi', 'Agus', 'Andi', 'Joko', 'Eko', 'Rizky', 'Fajar', 'Dedi', 'Hendra', 'Ahmad', 'Muhammad', 'Yoga', 'Bayu', 'Dimas', 'Arif', 'Rudi', 'Wahyu', 'Teguh', 'Bambang', 'Iwan', 'Hadi', 'Slamet', 'Reza', 'Ilham', 'Gilang'];
const LAST_NAMES = ['Santoso', 'Wijaya', 'Saputra', 'Pratama', 'Hidayat', 'Kurniawan', 'Setiawan', 'Lestari', 'Rahmawati', 'Susanti', 'Nugroho', 'Siregar', 'Nasution', 'Simanjuntak', 'Hakim', 'Gunawan', 'Permana', 'Firmansyah', 'Utami', 'Wibowo', 'Purnomo', 'Sitompul', 'Harahap', 'Putra', 'Maharani', 'Kusuma', 'Halim', 'Tanjung', 'Sembiring', 'Ramadhan'];
export const STREETS = ['Merdeka', 'Sudirman', 'Diponegoro', 'Gatot Subroto', 'Ahmad Yani', 'Pahlawan', 'Cempaka Putih', 'Melati', 'Mawar', 'Kenanga', 'Veteran', 'Siliwangi', 'Gajah Mada', 'Hayam Wuruk', 'Kartini', 'Pemuda', 'Imam Bonjol', 'Teuku Umar', 'Cendrawasih', 'Flamboyan'];
const PHONE_PREFIXES = ['0812', '0813', '0821', '0822', '0852', '0856', '0857', '0878', '0896', '0881'];

export function personName(rng: Rng): string {
  const first = rng.chance(0.55) ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
  return rng.chance(0.85) ? `${first} ${rng.pick(LAST_NAMES)}` : first;
}

/** A mobile number that carries `serial`, so numbers rarely repeat across people. */
export function personalPhone(rng: Rng, serial: number): string {
  return `${rng.pick(PHONE_PREFIXES)}${pad(serial % 100_000, 5)}${rng.digits(3)}`;
}

/** Any mobile number (a warehouse's, a supplier contact's). */
export function mobileNumber(rng: Rng): string {
  return `08${rng.digits(10)}`;
}

export function streetAddress(rng: Rng): string {
  const rt = rng.chance(0.5) ? ` RT ${pad(rng.int(1, 12), 3)}/RW ${pad(rng.int(1, 9), 3)}` : '';
  return `${rng.pick(['Jl.', 'Jl.', 'Gg.', 'Komp.'])} ${rng.pick(STREETS)} No. ${rng.int(1, 150)}${rt}`;
}
