// Settings the subscription fields need from the config, registered by createApp
// next to the bus they apply to (fields receive the bus through the context).
import type { EventBus } from './topics.js';

export interface LiveSettings {
  /** orderStatusCountsChanged re-counts at most once per this window per tenant. */
  countsCoalesceMs: number;
}

const DEFAULTS: LiveSettings = { countsCoalesceMs: 250 };
const settings = new WeakMap<EventBus, LiveSettings>();

export function setLiveSettings(bus: EventBus, value: LiveSettings): void {
  settings.set(bus, value);
}

export function liveSettingsOf(bus: EventBus): LiveSettings {
  return settings.get(bus) ?? DEFAULTS;
}
