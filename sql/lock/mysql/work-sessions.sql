-- The sessions holding a work slot (of this or an earlier run): who, since when, doing what.
SELECT CAST(p.ID AS CHAR), p.TIME, LEFT(COALESCE(p.INFO, ''), 160)
FROM information_schema.PROCESSLIST p
WHERE p.ID IN (
  SELECT IS_USED_LOCK(CONCAT('apim-work:', IF(CHAR_LENGTH(DATABASE()) <= 50, DATABASE(), LEFT(SHA2(DATABASE(), 256), 50)), ':', n.slot))
  FROM (SELECT 1 AS slot UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8) n);
