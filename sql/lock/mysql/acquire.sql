-- GET_LOCK names are server-wide, so the name carries the database (64 characters at most).
SELECT GET_LOCK(CONCAT('apim-upgrade:', IF(CHAR_LENGTH(DATABASE()) <= 51, DATABASE(), LEFT(SHA2(DATABASE(), 256), 51))), ${waitSeconds});
