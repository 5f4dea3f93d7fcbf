// Where a shipment's label PDF is served: GET /labels/<global id>.pdf with the API key.
import { encodeGlobalID } from '@pothos/plugin-relay';

export const LABEL_PATH = /^\/labels\/([^/]+)\.pdf$/;

/** The path of the label, relative to the API host (the global id is URL-encoded: base64 may hold "/"). */
export function labelPath(shipmentId: number): string {
  return `/labels/${encodeURIComponent(encodeGlobalID('Shipment', shipmentId))}.pdf`;
}
