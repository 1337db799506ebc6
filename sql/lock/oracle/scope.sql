-- What the lock protects: this database and this schema (DBMS_LOCK names are instance-wide).
SELECT SYS_CONTEXT('USERENV', 'DB_UNIQUE_NAME') || '/' || SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') FROM DUAL;
