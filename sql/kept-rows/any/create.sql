-- What a step that deletes rows found and keeps of a table, recorded in the database it deletes from before its first
-- delete, so that verify holds the table to that number even when the work directory is lost.
CREATE TABLE APIM_UPGRADE_KEPT_ROWS (TABLE_NAME VARCHAR(128) NOT NULL PRIMARY KEY, STEP VARCHAR(128) NOT NULL,
    ROWS_BEFORE BIGINT NOT NULL, ROWS_KEPT BIGINT NOT NULL);
