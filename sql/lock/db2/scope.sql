-- What an upgrade run works on: this server and this schema (DB2 gets no lock: see the README).
SELECT CURRENT SERVER || '/' || CURRENT SCHEMA FROM SYSIBM.SYSDUMMY1;
