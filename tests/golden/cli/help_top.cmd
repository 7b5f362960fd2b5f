# Top-level help, the help command's own help, and no arguments at all.
slsim --help
slsim help help
slsim
