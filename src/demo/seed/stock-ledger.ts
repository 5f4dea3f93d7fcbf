// The stock ledger being written: movements per stock level (one own-stock
// variation in one warehouse), collected from orders and the warehouse's own work
// and turned into rows once every movement is known.
import type { StockMovementKind } from '../../db/generated/prisma/enums.js';
import type { WarehouseInfo } from './shop-setup.js';

export interface Movement {
  level: number;
  kind: StockMovementKind;
  qin: number;
  qout: number;
  reserved: number;
  /** Change of the units in transit towards the level's warehouse. */
  transit: number;
  at: number;
  order: number | null;
  description: string;
  actor: string;
  /** Order of recording: breaks ties between movements at the same instant. */
  seq: number;
}

export class StockLedger {
  readonly movements: Movement[] = [];
  private readonly ownPosition = new Map<number, number>();

  constructor(
    /** Variation row indexes; level = position here * warehouses + warehouse position. */
    readonly ownVariations: readonly number[],
    readonly warehouses: readonly WarehouseInfo[],
  ) {
    ownVariations.forEach((v, position) => this.ownPosition.set(v, position));
  }

  get levelCount(): number {
    return this.ownVariations.length * this.warehouses.length;
  }

  levelOf(variation: number, warehouse: number): number {
    return this.ownPosition.get(variation)! * this.warehouses.length + this.warehouses.findIndex((w) => w.idx === warehouse);
  }

  variationOf(level: number): number {
    return this.ownVariations[Math.floor(level / this.warehouses.length)];
  }

  warehouseOf(level: number): WarehouseInfo {
    return this.warehouses[level % this.warehouses.length];
  }

  move(level: number, kind: StockMovementKind, qin: number, qout: number, reserved: number, at: number, order: number | null, description: string, actor: string, transit = 0) {
    this.movements.push({ level, kind, qin, qout, reserved, transit, at, order, description, actor, seq: this.movements.length });
  }
}
