#!/bin/sh
# Release fuzzing: the hypothesis "long" profile (20,000 examples per property, random seed)
# over tests/test_fuzz.py, with per-test statistics (cases run, any falsifying example).
# Usage: scripts/fuzz_long.sh [extra pytest args]
set -eu
cd "$(dirname "$0")/.."
HYPOTHESIS_PROFILE=long exec python -m pytest tests/test_fuzz.py -q -p no:cacheprovider --hypothesis-show-statistics "$@"
