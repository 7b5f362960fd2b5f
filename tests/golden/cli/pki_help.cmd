# Help of 'slsim pki' and its verbs.
slsim pki --help
slsim pki issue --help
slsim help pki playground
