// reportSettingsUpdate: the time zone sales reports count days in.
import { builder } from '../../../graphql/builder.js';
import { updateReportSettings } from '../../report-settings-service.js';
import { ReportSettings } from '../report-settings.js';

const ReportSettingsUpdateInput = builder.inputType('ReportSettingsUpdateInput', {
  description: 'The new report settings.',
  fields: (t) => ({
    timeZone: t.string({ required: true, description: 'IANA time zone name, e.g. "Asia/Jakarta", "Asia/Makassar", "UTC".' }),
  }),
});

const ReportSettingsUpdatePayload = builder.objectRef<{ settings: Awaited<ReturnType<typeof updateReportSettings>> }>('ReportSettingsUpdatePayload').implement({
  description: 'The settings after the change.',
  fields: (t) => ({
    settings: t.field({ type: ReportSettings, resolve: (p) => p.settings, description: 'The settings now.' }),
  }),
});

builder.mutationField('reportSettingsUpdate', (t) =>
  t.field({
    type: ReportSettingsUpdatePayload,
    description: "Changes the time zone of the shop's reports; every report from now on counts days, weeks and months in it.",
    errors: { types: [] },
    args: { input: t.arg({ type: ReportSettingsUpdateInput, required: true, description: 'The new settings.' }) },
    resolve: async (_root, { input }, ctx) => ({ settings: await updateReportSettings(ctx, { timeZone: input.timeZone }) }),
  }),
);
