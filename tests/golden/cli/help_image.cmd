# Help of the image noun and of each of its verbs (generated from the option tables).
slsim image --help
slsim image check --help
slsim image create --help
slsim image info --help
