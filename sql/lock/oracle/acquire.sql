-- DBMS_LOCK ids are instance-wide, so the lock name carries the schema. Answers 1 when the lock is held.
DECLARE
  result INTEGER;
BEGIN
  result := DBMS_LOCK.REQUEST(DBMS_UTILITY.GET_HASH_VALUE('apim-upgrade:' || SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA'),
                              1073741824, 1073741823), DBMS_LOCK.X_MODE, ${waitSeconds}, FALSE);
  ? := CASE WHEN result IN (0, 4) THEN 1 ELSE 0 END;
END;
/
