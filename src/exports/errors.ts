// Expected failures of exports.
import { DomainError } from '../shared/errors.js';

/** The server is stopping or has too many exports waiting; nothing was queued. */
export class ExportQueueFullError extends DomainError {
  readonly code = 'EXPORT_QUEUE_FULL';
  constructor(readonly waiting: number) {
    super(`${waiting} exports are waiting already; try again once some have finished`);
  }
}
