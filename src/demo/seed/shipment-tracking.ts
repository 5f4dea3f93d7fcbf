// A shipment's courier tracking history (seed 002 tracking, seed 001
// delivery_history): picked up, sorted, then delivered, failed and returned, or
// still on its way.
import type { Rng } from './random.js';
import type { RegionBook } from './regions.js';
import { SEED_BASE_TIME } from './seed-time.js';
import type { WarehouseInfo } from './shop-setup.js';
import type { TenantRows } from './tenant-rows.js';

export interface TrackedShipment {
  shipment: number;
  shippedAt: number;
  deliveredAt: number | null;
  returnedAt: number | null;
  origin: WarehouseInfo;
  recipient: { name: string; region: number };
}

export function addTracking(rng: Rng, rows: TenantRows, regions: RegionBook, tracked: TrackedShipment): void {
  const { shipment, shippedAt, deliveredAt, returnedAt, origin, recipient } = tracked;
  const originCity = regions.cityName(origin.region);
  const destCity = regions.cityName(recipient.region);
  const events: [string, string, string, number][] = [['picked_up', origin.name, 'Paket telah diserahkan ke kurir', shippedAt]];
  const until = deliveredAt ?? returnedAt ?? SEED_BASE_TIME;
  const at = (share: number) => shippedAt + Math.floor((until - shippedAt) * share);
  const arrivedAtHub = (share: number) => events.push(['arrived_at_hub', destCity, `Paket tiba di gudang transit ${destCity}`, at(share)]);
  events.push(['in_transit', `${origin.hub}, ${originCity}`, 'Paket diproses di pusat sortir', at(0.2)]);
  if (deliveredAt) {
    arrivedAtHub(0.6);
    events.push(['out_for_delivery', destCity, 'Paket sedang diantar kurir', at(0.9)]);
    events.push(['delivered', destCity, `Paket diterima oleh [${recipient.name} - (YBS) Yang Bersangkutan]`, deliveredAt]);
  } else if (returnedAt) {
    arrivedAtHub(0.4);
    events.push(['delivery_failed', destCity, rng.pick(['Pengiriman gagal: alamat tidak ditemukan', 'Pengiriman gagal: penerima menolak paket']), at(0.55)]);
    events.push(['returned_to_sender', destCity, 'Paket dikembalikan ke pengirim', at(0.7)]);
    events.push(['returned', origin.name, 'Paket telah diterima kembali oleh pengirim', returnedAt]);
  } else if (rng.chance(0.6)) {
    arrivedAtHub(0.7);
  }
  for (const [status, location, description, occurredAt] of events) {
    rows.add('ShipmentEvent', { shipmentId: shipment, status, location, description, occurredAt, createdAt: occurredAt });
  }
}
