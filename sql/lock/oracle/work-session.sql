-- Run by every session that does upgrade work: a shared lock that ends only with the session.
DECLARE
  result INTEGER;
BEGIN
  result := DBMS_LOCK.REQUEST(DBMS_UTILITY.GET_HASH_VALUE('apim-work:' || SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA'),
                              1073741824, 1073741823), DBMS_LOCK.S_MODE, 0, FALSE);
END;
/
