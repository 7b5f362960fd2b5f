# Help of the fs noun and of each of its verbs; 'help fs get' is the same text as 'fs get --help'.
slsim fs --help
slsim fs get --help
slsim help fs get
slsim fs ls --help
slsim fs put --help
slsim fs rm --help
slsim fs stat --help
