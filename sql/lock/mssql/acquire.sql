DECLARE @result int;
EXEC @result = sp_getapplock @Resource = 'apim-upgrade', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = ${waitMillis};
SELECT CASE WHEN @result >= 0 THEN 1 ELSE 0 END;
