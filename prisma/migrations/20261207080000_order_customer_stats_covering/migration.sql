-- A customer's statistics (Customer.stats, the customer list and its loader) aggregate the
-- customer's orders. With the columns they read in the index that finds those orders,
-- PostgreSQL answers from the index alone (an index-only scan) instead of reading one heap
-- page per order: on a shop of 200,000 orders, the customer list's statement went from 5.1
-- to 2.4 ms. Same name and key columns as before, so prisma/schema.prisma's
-- @@index([tenantId, customerId, createdAt]) still describes it (Prisma cannot declare
-- INCLUDE columns; test/db/migration-drift.test.ts checks them).
DROP INDEX "Order_tenantId_customerId_createdAt_idx";
CREATE INDEX "Order_tenantId_customerId_createdAt_idx" ON "Order"("tenantId", "customerId", "createdAt")
  INCLUDE ("id", "isDraft", "status", "returnStatus", "grandTotal", "returnedTotal", "orderedAt");
