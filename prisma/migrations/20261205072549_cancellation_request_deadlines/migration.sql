-- 20261205072549_cancellation_request_deadlines: a deadline per cancellation request
-- (set at request time from the tenant's setting, 48 hours by default), the EXPIRED
-- status a request gets when nobody decided by then, and the index the queue and
-- the expiry sweep read.

-- AlterEnum
ALTER TYPE "CancellationRequestStatus" ADD VALUE 'EXPIRED';

-- DropIndex
DROP INDEX "CancellationRequest_tenantId_status_idx";

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "cancellationRequestDeadlineMinutes" INTEGER NOT NULL DEFAULT 2880;

-- AlterTable: requests made before this migration get the deadline they would have had.
ALTER TABLE "CancellationRequest" ADD COLUMN     "deadlineAt" TIMESTAMPTZ(3);
UPDATE "CancellationRequest" r SET "deadlineAt" = r."createdAt" + make_interval(mins => t."cancellationRequestDeadlineMinutes")
  FROM "Tenant" t WHERE t."id" = r."tenantId";
ALTER TABLE "CancellationRequest" ALTER COLUMN "deadlineAt" SET NOT NULL;

-- CreateIndex
CREATE INDEX "CancellationRequest_tenantId_status_deadlineAt_idx" ON "CancellationRequest"("tenantId", "status", "deadlineAt");

-- The expiry sweep works tenant by tenant (inside each tenant's wall); this answers,
-- as the owner, only which tenants have open requests past their deadline at `at`.
CREATE FUNCTION "cancellation_tenants_with_overdue"("at" timestamptz)
  RETURNS TABLE ("tenantId" integer)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path FROM CURRENT
  AS $$
    SELECT DISTINCT r."tenantId" FROM "CancellationRequest" r WHERE r."status" = 'REQUESTED' AND r."deadlineAt" <= "at"
  $$;
