DECLARE @result int;
EXEC @result = sp_getapplock @Resource = 'apim-work', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0;
IF @result >= 0 EXEC sp_releaseapplock @Resource = 'apim-work', @LockOwner = 'Session';
SELECT CASE WHEN @result >= 0 THEN 1 ELSE 0 END;
