// The JVM heap GDS may still use: the maximum heap less what is in use now.
CALL gds.debug.sysInfo() YIELD key, value
WITH collect([key, value]) AS info
WITH [x IN info WHERE x[0] = 'heapMaxInBytes'][0][1] AS heapMax,
     [x IN info WHERE x[0] = 'heapTotalInBytes'][0][1] AS heapTotal,
     [x IN info WHERE x[0] = 'heapFreeInBytes'][0][1] AS heapFree
RETURN heapMax - (heapTotal - heapFree) AS freeHeap, heapMax
