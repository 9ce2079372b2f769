"""Task queues on external engines.

The embedded one is ``resumecore_server.adapters.sql.task_queue``.
"""
