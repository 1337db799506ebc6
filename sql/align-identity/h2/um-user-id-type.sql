-- fresh 3.1.0 declares UM_USER_ID VARCHAR(255); step2/um adds CHAR(36). Every value fits (a UUID is 36 characters),
-- and CHAR's trailing blanks are not part of a value (H2 does not store them), so no row changes.
ALTER TABLE UM_USER ALTER COLUMN UM_USER_ID SET DATA TYPE VARCHAR(255);
