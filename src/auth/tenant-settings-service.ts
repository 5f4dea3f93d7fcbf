// The shop's own details, changed by its OWNER: display name, logo, default currency
// and the time zone of its reports. The cancellation request deadline keeps its own
// mutation (cancellationRequestSettingsUpdate), as the report time zone does
// (reportSettingsUpdate, for OWNER and ADMIN); this one writes the same column.
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { isTimeZone } from '../shared/time-zones.js';
import { checkText, Problems } from '../shared/validation.js';

export const TENANT_NAME_MAX = 100;
export const LOGO_URL_MAX = 500;

let currencies: Set<string> | undefined;

/** ISO 4217 codes the runtime knows (Intl), e.g. IDR, USD, SGD. */
function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return /^[A-Z]{3}$/.test(code) && currencies.has(code);
}

export interface TenantSettingsInput {
  name?: string | null;
  /** An https address; an empty string removes the logo. */
  logoUrl?: string | null;
  currency?: string | null;
  timeZone?: string | null;
}

/** The columns to write, or a ValidationError naming every problem. Fields left out (null) stay as they are. */
function checkSettings(input: TenantSettingsInput) {
  const problems = new Problems();
  const data: { name?: string; logoUrl?: string | null; currency?: string; timeZone?: string } = {};
  if (input.name != null) data.name = checkText(problems, ['name'], input.name, { required: true, max: TENANT_NAME_MAX });
  if (input.logoUrl != null) {
    const text = checkText(problems, ['logoUrl'], input.logoUrl, { max: LOGO_URL_MAX });
    if (text) {
      let url: URL | null = null;
      try {
        url = new URL(text);
      } catch {
        problems.add(['logoUrl'], 'must be an absolute URL');
      }
      if (url && url.protocol !== 'https:') problems.add(['logoUrl'], 'must be an https address');
      else if (url && (url.username || url.password)) problems.add(['logoUrl'], 'must not carry a user name or password');
    }
    data.logoUrl = text || null;
  }
  if (input.currency != null) {
    const code = input.currency.trim().toUpperCase();
    problems.check(isCurrency(code), ['currency'], 'must be an ISO 4217 currency code of three letters, e.g. "IDR"');
    data.currency = code;
  }
  if (input.timeZone != null) {
    const zone = input.timeZone.trim();
    problems.check(isTimeZone(zone), ['timeZone'], 'must be an IANA time zone name such as "Asia/Jakarta" or "UTC"');
    data.timeZone = zone;
  }
  problems.throwIfAny();
  return data;
}

export async function updateTenantSettings(deps: TransactionDeps & { tenantId: number }, input: TenantSettingsInput): Promise<{ tenantId: number }> {
  const data = checkSettings(input);
  return transaction(deps, async ({ tx }) => {
    if (Object.keys(data).length) await tx.tenant.update({ where: { id: deps.tenantId }, data, select: { id: true } });
    return { tenantId: deps.tenantId };
  });
}
