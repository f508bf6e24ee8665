"""The portal's roles. The vocabulary lives in normativa (the lowest layer: the régimen
definitions name who acts), re-exported here for the apps above it."""

from normativa.roles import *  # noqa: F403  (re-export: every name callers used here)
from normativa.roles import Rol  # noqa: F401  (re-export)
