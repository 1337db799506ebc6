-- fresh 3.1.0 declares UM_USER_ID VARCHAR(255); step2/um adds CHAR(36). Every value fits (a UUID is 36 characters);
-- bpchar's trailing blanks are not part of a value and the cast drops them. The unique key's index is rebuilt.
ALTER TABLE UM_USER ALTER COLUMN UM_USER_ID TYPE VARCHAR(255);
