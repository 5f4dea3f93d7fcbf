// The sales force's types: teams, reps, the visit status list and visits.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { errorType } from '../../graphql/errors.js';
import { tenantNode } from '../../graphql/ids.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { VisitStatusType } from '../../db/generated/prisma/enums.js';
import { DuplicateSalesTeamError, DuplicateVisitStatusError, NoDefaultVisitStatusError } from '../errors.js';

export const VisitStatusTypeEnum = builder.enumType(VisitStatusType, {
  name: 'VisitStatusType',
  description: 'What a visit status means.',
  values: {
    ORDER: { description: 'An order was taken during the visit.' },
    NO_ORDER: { description: 'No order was taken (closed, not needed, out of budget, ...).' },
  },
});

builder.prismaNode('SalesTeam', {
  description: 'A team of sales reps; orders and visits are attributed to one.',
  ...tenantNode,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Team name, unique in the shop.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive teams take no new reps, orders or visits.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    reps: t.relatedConnection('reps', {
      description: 'Reps of the team, A to Z.',
      cursor: 'id',
      totalCount: true,
      query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }, connectionOf('SalesRep')),
  }),
});

builder.prismaNode('SalesRep', {
  description: 'A sales representative: a person who visits customers and takes orders.',
  ...tenantNode,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Phone number.' }),
    email: t.exposeString('email', { nullable: true, description: 'E-mail address.' }),
    team: t.relation('team', { nullable: true, description: 'The team the rep is in, if any.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive reps take no new orders or visits.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
  }),
});

builder.prismaNode('VisitStatus', {
  description: 'An outcome of a visit from the shop\'s list, e.g. "Order" or "Toko tutup".',
  ...tenantNode,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name shown to people, unique in the shop.' }),
    type: t.expose('type', { type: VisitStatusTypeEnum, description: 'Whether an order was taken.' }),
    position: t.exposeInt('position', { description: 'Place in the list (lowest first); the first active ORDER status is the default of a new visit.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive statuses are not offered for new visits.' }),
  }),
});

builder.prismaNode('Visit', {
  description: "A sales rep's visit to a customer, with its outcome and the order taken there, if any.",
  ...tenantNode,
  fields: (t) => ({
    customer: t.relation('customer', { description: 'The customer visited.' }),
    salesRep: t.relation('salesRep', { description: 'The rep who made the visit.' }),
    team: t.relation('team', { nullable: true, description: "The team the visit counts for (the rep's team unless another was given)." }),
    status: t.relation('status', { description: 'What came of the visit.' }),
    visitedAt: t.expose('visitedAt', { type: 'DateTime', description: 'When the visit took place.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Free text notes of the rep.' }),
    order: t.relation('order', { nullable: true, description: 'The order taken during the visit, if any.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
  }),
});

byIdQuery('SalesTeam', { description: 'One sales team by global id.', idDescription: 'Global id of the team.' });
byIdQuery('SalesRep', { description: 'One sales rep by global id.', idDescription: 'Global id of the rep.' });
byIdQuery('Visit', { description: 'One visit by global id.', idDescription: 'Global id of the visit.' });

errorType(DuplicateSalesTeamError, {
  description: 'The shop already has a sales team with this name; nothing was written.',
  fields: (t) => ({
    teamName: t.exposeString('teamName', { description: 'The name already used.' }),
    existingId: t.id({
      nullable: true,
      resolve: (e) => (e.existingId == null ? null : encodeGlobalID('SalesTeam', e.existingId)),
      description: 'Global id of the team that has the name, when known.',
    }),
  }),
});

errorType(DuplicateVisitStatusError, {
  description: 'The shop already has a visit status with this name; nothing was written.',
  fields: (t) => ({
    statusName: t.exposeString('statusName', { description: 'The name already used.' }),
    existingId: t.id({
      nullable: true,
      resolve: (e) => (e.existingId == null ? null : encodeGlobalID('VisitStatus', e.existingId)),
      description: 'Global id of the status that has the name, when known.',
    }),
  }),
});

errorType(NoDefaultVisitStatusError, {
  description: 'No status was given and the shop has no active visit status of type ORDER to default to; nothing was written.',
  fields: () => ({}),
});
