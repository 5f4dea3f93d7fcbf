-- What an edit changed, kept with its history entry (the diff the order.edited event carries).
ALTER TABLE "OrderEvent" ADD COLUMN "changes" JSONB;
