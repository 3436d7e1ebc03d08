# tutorials/13-python-and-typescript/enqueue.py — a Python producer: one job for each kind of worker.
#   REDIS_URL=redis://127.0.0.1:6379 /usr/bin/python3 tutorials/13-python-and-typescript/enqueue.py
import os

from redis import Redis
from rq import Queue
from rq.serializers import JSONSerializer

redis = Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379"))

# JSONSerializer on every side that touches rqts jobs: rqts never reads pickle (nor runs it).
ts_queue = Queue("ts", connection=redis, serializer=JSONSerializer)
py_queue = Queue("py", connection=redis, serializer=JSONSerializer)

# A function that exists only in TypeScript: enqueue it by name. Keyword arguments arrive in the
# TypeScript task as one final object.
job = ts_queue.enqueue("wordcount.count", "to be or not to be", ignore="be")
print(f"Python enqueued {job.func_name} for rqts as job {job.id}")

# A Python function, for Python's worker, by the same kind of name.
job = py_queue.enqueue("greetings.shout", "hello from python", times=2)
print(f"Python enqueued {job.func_name} for rq as job {job.id}")
