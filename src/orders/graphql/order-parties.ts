// OrderParty: buyer, recipient or dropshipper of an order, as given at order time.
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';
import { PartyRole } from '../../db/generated/prisma/enums.js';

export const OrderParty = builder.prismaNode('OrderParty', {
  description: 'A person on an order (buyer, recipient or dropshipper) with the contact and address given at order time.',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order.' }),
    role: t.expose('role', { type: PartyRole, description: 'Buyer, recipient or dropshipper.' }),
    customer: t.relation('customer', { nullable: true, description: 'The customer record, when the person is one.' }),
    name: t.exposeString('name', { description: 'Full name.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Phone number.' }),
    email: t.exposeString('email', { nullable: true, description: 'Email address.' }),
    address: t.exposeString('address', { nullable: true, description: 'Full street address.' }),
    region: t.relation('region', { nullable: true, description: 'Administrative region (sub-district) of the address, when known.' }),
    province: t.exposeString('province', { nullable: true, description: 'Province (state), as written.' }),
    city: t.exposeString('city', { nullable: true, description: 'City or regency, as written.' }),
    district: t.exposeString('district', { nullable: true, description: 'District (kecamatan), as written.' }),
    subDistrict: t.exposeString('subDistrict', { nullable: true, description: 'Sub-district (kelurahan), as written.' }),
    postalCode: t.exposeString('postalCode', { nullable: true, description: 'Postal code.' }),
    country: t.exposeString('country', { nullable: true, description: 'Country.' }),
    latitude: t.expose('latitude', { type: 'Decimal', nullable: true, description: 'Latitude of the address, when known.' }),
    longitude: t.expose('longitude', { type: 'Decimal', nullable: true, description: 'Longitude of the address, when known.' }),
    remarks: t.exposeString('remarks', { nullable: true, description: 'Delivery remarks, e.g. "leave with security".' }),
  }),
});
