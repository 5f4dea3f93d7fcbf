// IANA time zone names, as the runtime knows them (PostgreSQL ships the same database). Pure.

let zones: Set<string> | undefined;

/** Whether `name` is an IANA zone name the runtime knows, or UTC. */
export function isTimeZone(name: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  return zones.has(name);
}
