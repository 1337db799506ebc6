-- Run by every session that does upgrade work. MySQL has no shared named lock, so each session takes
-- the first free of eight work slots; the slot goes only when the session ends.
SELECT CASE
  WHEN GET_LOCK(CONCAT('apim-work:', IF(CHAR_LENGTH(DATABASE()) <= 50, DATABASE(), LEFT(SHA2(DATABASE(), 256), 50)), ':1'), 0) = 1 THEN 1
  WHEN GET_LOCK(CONCAT('apim-work:', IF(CHAR_LENGTH(DATABASE()) <= 50, DATABASE(), LEFT(SHA2(DATABASE(), 256), 50)), ':2'), 0) = 1 THEN 2
  WHEN GET_LOCK(CONCAT('apim-work:', IF(CHAR_LENGTH(DATABASE()) <= 50, DATABASE(), LEFT(SHA2(DATABASE(), 256), 50)), ':3'), 0) = 1 THEN 3
  WHEN GET_LOCK(CONCAT('apim-work:', IF(CHAR_LENGTH(DATABASE()) <= 50, DATABASE(), LEFT(SHA2(DATABASE(), 256), 50)), ':4'), 0) = 1 THEN 4
  WHEN GET_LOCK(CONCAT('apim-work:', IF(CHAR_LENGTH(DATABASE()) <= 50, DATABASE(), LEFT(SHA2(DATABASE(), 256), 50)), ':5'), 0) = 1 THEN 5
  WHEN GET_LOCK(CONCAT('apim-work:', IF(CHAR_LENGTH(DATABASE()) <= 50, DATABASE(), LEFT(SHA2(DATABASE(), 256), 50)), ':6'), 0) = 1 THEN 6
  WHEN GET_LOCK(CONCAT('apim-work:', IF(CHAR_LENGTH(DATABASE()) <= 50, DATABASE(), LEFT(SHA2(DATABASE(), 256), 50)), ':7'), 0) = 1 THEN 7
  WHEN GET_LOCK(CONCAT('apim-work:', IF(CHAR_LENGTH(DATABASE()) <= 50, DATABASE(), LEFT(SHA2(DATABASE(), 256), 50)), ':8'), 0) = 1 THEN 8
  ELSE 0 END;
