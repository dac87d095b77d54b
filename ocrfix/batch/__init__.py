"""Archive-scale batches: inputs, resume keys, executors, per-document outputs and reports.

``ocrfix run`` is a thin layer over :func:`ocrfix.batch.runner.run_batch`; each module here has
one job (see their docstrings). Work is keyed by a content hash of the input and the settings,
and every file is written atomically, so a batch killed at any moment resumes where it stopped.
"""
