"""Task queues on external engines (the embedded one is ``adapters.sql.task_queue``)."""
