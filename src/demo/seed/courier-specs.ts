// Couriers the shop ships with, their services and the shape of their air
// waybill numbers.
import type { Rng } from './random.js';

export interface CourierSpec {
  code: string;
  name: string;
  cod: boolean;
  services: readonly string[];
  awb: (rng: Rng, serial: string) => string;
}

export const COURIERS: readonly CourierSpec[] = [
  { code: 'jne', name: 'JNE Express', cod: true, services: ['REG', 'YES', 'OKE', 'JTR'], awb: (r, s) => `CGK${s}${r.digits(6)}` },
  { code: 'jnt', name: 'J&T Express', cod: true, services: ['EZ', 'ECO'], awb: (r, s) => `JP${s}${r.digits(3)}` },
  { code: 'sicepat', name: 'SiCepat Ekspres', cod: true, services: ['REG', 'BEST', 'GOKIL'], awb: (r, s) => `00${s}${r.digits(3)}` },
  { code: 'anteraja', name: 'AnterAja', cod: true, services: ['REG', 'ND'], awb: (r, s) => `1000${s}${r.digits(3)}` },
  { code: 'pos', name: 'POS Indonesia', cod: false, services: ['Pos Kilat Khusus', 'Pos Nextday'], awb: (r, s) => `P${r.digits(3)}${s}ID` },
  { code: 'ninja', name: 'Ninja Xpress', cod: true, services: ['Standard'], awb: (r, s) => `NLIDAP${s}${r.digits(2)}` },
  { code: 'sap', name: 'SAP Express', cod: false, services: ['REG', 'ODS', 'Cargo'], awb: (r, s) => `SAP${s}${r.digits(3)}` },
  { code: 'lion', name: 'Lion Parcel', cod: false, services: ['REGPACK', 'JAGOPACK', 'BIGPACK'], awb: (r, s) => `11LP${s}${r.digits(3)}` },
];
