# Help of 'slsim catalog' and its verbs, generated from the verb and option tables.
slsim catalog --help
slsim help catalog build
slsim catalog check --help
slsim catalog install --help
slsim catalog show -h
slsim catalog sign --help
slsim catalog status --help
slsim catalog vendor-root --help
slsim catalog verify --help
