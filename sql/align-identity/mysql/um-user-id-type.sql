-- fresh 3.1.0 declares UM_USER_ID VARCHAR(255) NOT NULL; step2/um adds CHAR(36). Every value fits (a UUID is 36
-- characters), and MySQL does not keep CHAR's trailing blanks. MODIFY restates the whole column: NOT NULL, no default
-- (um-user-id-no-default dropped step2/um's 'NONE').
ALTER TABLE UM_USER MODIFY UM_USER_ID VARCHAR(255) NOT NULL;
