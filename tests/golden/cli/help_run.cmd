# `slsim run`: its help, a mistyped option, a missing program (docs/run.md).
slsim help run
slsim run --devcie dev.json -- true
slsim run --device dev.json
