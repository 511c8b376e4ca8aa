#!/usr/bin/env python
"""One app with mistakes: synth must raise, in Python, the library's error text unchanged.

Writes the message to the file named by the first argument; exits 1 if synth succeeds.
"""
import sys
import tempfile

from cdk8s import App, Chart
from cdk8s_workloads import HealthCheck, Worker

app = App(outdir=tempfile.mkdtemp())
chart = Chart(app, "shop")
Worker(chart, "mailer", image="Mailer")
Worker(chart, "indexer", image="indexer:1.0",
       liveness_probe=HealthCheck.from_command(["true"], success_threshold=3))
try:
    app.synth()
except RuntimeError as error:  # what jsii raises for an error thrown in JavaScript
    print(f"synth raised {type(error).__module__}.{type(error).__name__}")
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write(str(error))
    sys.exit(0)
print("synth did not raise", file=sys.stderr)
sys.exit(1)
