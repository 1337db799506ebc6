-- Answers 1 when no session holds the work lock; a free lock is released again at once.
DECLARE
  id INTEGER := DBMS_UTILITY.GET_HASH_VALUE('apim-work:' || SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA'), 1073741824, 1073741823);
  result INTEGER;
BEGIN
  result := DBMS_LOCK.REQUEST(id, DBMS_LOCK.X_MODE, 0, FALSE);
  IF result = 0 THEN
    result := DBMS_LOCK.RELEASE(id);
    ? := 1;
  ELSE
    ? := 0;
  END IF;
END;
/
