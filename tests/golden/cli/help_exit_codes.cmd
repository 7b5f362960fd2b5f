# The exit-code contract (docs/cli.md).
slsim help exit-codes
