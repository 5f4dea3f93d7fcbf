-- How many of the search documents hold each trigram: a sample of about `sample_rows`
-- documents, the trigrams in more than `least_share` of them with their share. A trigram
-- index reads a trigram's posting list whole, so the order search looks up the part of a
-- term that costs least to read and check (src/shared/trigram-pattern.ts) and checks the
-- whole term on the rows found. The index serves every tenant, so the sample is of the
-- whole table: SECURITY DEFINER (its owner is the table's, which row-level security does
-- not filter), and it returns trigrams and shares only, never a document or a tenant's row.
CREATE FUNCTION "order_search_trigram_shares"(sample_rows integer, least_share double precision)
  RETURNS TABLE ("trigram" text, "share" double precision)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path FROM CURRENT
  AS $$
DECLARE
  total double precision;
  percent double precision;
BEGIN
  SELECT c."reltuples" INTO total FROM pg_class c WHERE c."oid" = '"OrderSearch"'::regclass;
  -- Never analyzed (-1) or small: read it all, up to sample_rows documents.
  percent := CASE WHEN total <= sample_rows THEN 100 ELSE greatest(0.001, 100.0 * sample_rows / total) END;
  RETURN QUERY EXECUTE format(
    'WITH sample AS MATERIALIZED (SELECT "document" FROM "OrderSearch" TABLESAMPLE SYSTEM (%s) LIMIT %s) '
    'SELECT t, count(*)::double precision / (SELECT count(*) FROM sample) FROM sample, unnest(show_trgm(sample."document")) t '
    'GROUP BY t HAVING count(*) > %s * (SELECT count(*) FROM sample)',
    percent, sample_rows, least_share);
END
$$;
