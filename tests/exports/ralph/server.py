"""Run Ralph's LRS API on 127.0.0.1 with its filesystem backend (run by Ralph's own venv python).

Why this file and not `ralph runserver -b fs`: Ralph 5.1.0's filesystem backend takes one POST
and answers 500 ("Statements bulk indexation failed") to every later one. The statements router
calls `BACKEND_CLIENT.write(...)` without an operation type, so the backend's default, INDEX,
applies; for files INDEX means "create the file, and refuse if it exists"
(ralph/backends/data/fs.py, `_write_bytes`), while the LRS backend writes every statement to
one fixed file, `fs_lrs.jsonl`. The first write creates it; the second is refused.
The fix here: make APPEND that backend's default before serving, which is what an LRS on a
file means. Everything else (validation, 409 on a differing duplicate, 204 when all are already
stored, basic auth, ids in the answer) is Ralph's own code.

Usage: python server.py PORT [--as-shipped]   (settings come from RALPH_* variables; see
ralph_lrs.py). --as-shipped leaves the default alone, for the test that shows the refusal.
"""
import sys

import uvicorn
from ralph.api import app
from ralph.api.routers import statements
from ralph.backends.data.base import BaseOperationType

if __name__ == "__main__":
    if "--as-shipped" not in sys.argv:
        statements.BACKEND_CLIENT.default_operation_type = BaseOperationType.APPEND
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
