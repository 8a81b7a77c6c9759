# The package metadata lives in pyproject.toml; this shim keeps `python setup.py develop`
# and older pip / bench versions working.
from setuptools import setup

setup()
