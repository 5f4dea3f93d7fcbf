// The tenant's region tree (province > city > district > subdistrict), and the
// lookups addresses need: postal code, coordinates and the names above a subdistrict.
import { PROVINCE_ISO_CODES } from '../../customers/province-iso-codes.js';
import { REGIONS } from './indonesian-regions.js';
import type { TenantRows } from './tenant-rows.js';

type RegionLevel = 'PROVINCE' | 'CITY' | 'DISTRICT' | 'SUBDISTRICT';

interface RegionInfo {
  name: string;
  parent: number | null;
  lat: number;
  lng: number;
  postalCode: string | null;
}

export interface RegionNames {
  province: string;
  city: string;
  district: string;
  subDistrict: string;
}

/** Creating the book writes the tenant's Region rows. */
export class RegionBook {
  private readonly regions: RegionInfo[] = [];
  private readonly byCode = new Map<string, number>();
  /** Row indexes of the subdistricts, the level every address points at. */
  readonly subdistricts: number[] = [];
  /** Row indexes of the provinces. */
  readonly provinces: number[] = [];

  constructor(private readonly rows: TenantRows) {
    for (const [pCode, pName, cities] of REGIONS) {
      const province = this.add('PROVINCE', pCode, pName, null, [], 0, 0, null);
      this.provinces.push(province);
      const provincePostal: string[] = [];
      for (const [cCode, cName, lat, lng, districts] of cities) {
        const cityPostal: string[] = [];
        const city = this.add('CITY', cCode, cName, province, cityPostal, lat, lng, null);
        for (const [dCode, dName, villages] of districts) {
          const districtPostal: string[] = [];
          const district = this.add('DISTRICT', dCode, dName, city, districtPostal, lat, lng, null);
          for (const [vCode, vName, postal] of villages) {
            const idx = this.add('SUBDISTRICT', `${dCode}.${vCode}`, vName, district, [postal], lat, lng, postal);
            this.subdistricts.push(idx);
            for (const list of [districtPostal, cityPostal, provincePostal]) if (!list.includes(postal)) list.push(postal);
          }
        }
      }
      rows.byTable.Region[province].postalCodes = provincePostal;
    }
  }

  private add(level: RegionLevel, code: string, name: string, parent: number | null, postalCodes: string[], lat: number, lng: number, postal: string | null) {
    const isoCode = level === 'PROVINCE' ? (PROVINCE_ISO_CODES[code] ?? null) : null;
    const idx = this.rows.add('Region', { level, code, name, parentId: parent, postalCodes, isoCode });
    this.regions.push({ name, parent, lat, lng, postalCode: postal });
    this.byCode.set(code, idx);
    return idx;
  }

  indexOf(code: string): number {
    return this.byCode.get(code)!;
  }

  postalCode(sub: number): string {
    return this.regions[sub].postalCode!;
  }

  coordinates(sub: number): { lat: number; lng: number } {
    return this.regions[sub];
  }

  provinceOf(sub: number): number {
    return this.regions[this.cityOf(sub)].parent!;
  }

  cityName(sub: number): string {
    return this.regions[this.cityOf(sub)].name;
  }

  names(sub: number): RegionNames {
    const district = this.regions[sub].parent!;
    const city = this.regions[district].parent!;
    const province = this.regions[city].parent!;
    return {
      province: this.regions[province].name,
      city: this.regions[city].name,
      district: this.regions[district].name,
      subDistrict: this.regions[sub].name,
    };
  }

  private cityOf(sub: number): number {
    return this.regions[this.regions[sub].parent!].parent!;
  }
}
