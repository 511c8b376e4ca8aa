#!/usr/bin/env python
"""The two example apps, written as a Python user writes a cdk8s app; `cdk8s synth` runs it."""
from cdk8s import App

import web_app
import worker

app = App()
worker.build(app)
web_app.build(app)
app.synth()
