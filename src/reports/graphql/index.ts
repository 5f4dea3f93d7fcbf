// The reports domain's GraphQL face: imported once by src/schema.ts; it only imports.
import './sales-report.js';
import './report-settings.js';
import './mutations/report-settings-update.js';
