// The Subscription root, declared once; domains add their fields in
// src/<domain>/subscriptions.ts.
import { builder } from './builder.js';

builder.subscriptionType({
  description:
    'Live changes of the tenant of the API key, over graphql-ws (WebSocket on /graphql, key in connectionParams.authorization) or SSE (POST /graphql with Accept: text/event-stream). Only events committed to the database are sent.',
});
