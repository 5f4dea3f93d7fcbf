/** A seed that cannot run as asked (bad slug, existing tenant), or a bug in the generated rows. */
export class SeedError extends Error {}
