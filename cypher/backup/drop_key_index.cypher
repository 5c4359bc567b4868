// Drop backup/key_index once the restore is written (or has failed).
DROP INDEX restore_key IF EXISTS
