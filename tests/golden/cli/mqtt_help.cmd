# Help of 'slsim mqtt' and its verbs.
slsim mqtt --help
slsim mqtt pub --help
slsim help mqtt sub
