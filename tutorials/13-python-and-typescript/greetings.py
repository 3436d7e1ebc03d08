# tutorials/13-python-and-typescript/greetings.py — a Python task, run by Python's `rq worker`.
# Its job names it by its dotted path, "greetings.shout", as RQ stores every function.


def shout(text, times=1):
    return " ".join([text.upper() + "!"] * times)
