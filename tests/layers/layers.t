#!/bin/sh
# The include-direction lint (STYLE.md H7) as part of make check.
exec tests/tools/check_layers.sh
