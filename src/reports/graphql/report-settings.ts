// The shop's report setting (query), read by everyone who reads the graph.
import { builder } from '../../graphql/builder.js';
import { readReportSettings, type ReportSettings as Settings } from '../report-settings-service.js';

export const ReportSettings = builder.objectRef<Settings>('ReportSettings').implement({
  description: "The shop's settings for reports.",
  fields: (t) => ({
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone sales reports count days, weeks and months in (default Asia/Jakarta).' }),
  }),
});

builder.queryField('reportSettings', (t) =>
  t.field({
    type: ReportSettings,
    description: "The shop's settings for reports.",
    resolve: (_root, _args, ctx) => readReportSettings(ctx),
  }),
);
