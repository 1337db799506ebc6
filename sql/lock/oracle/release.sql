DECLARE
  result INTEGER;
BEGIN
  result := DBMS_LOCK.RELEASE(DBMS_UTILITY.GET_HASH_VALUE('apim-upgrade:' || SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA'),
                              1073741824, 1073741823));
  ? := 1;
END;
/
