# image create, info (text and JSON) and check (text and JSON) on a default and a custom image.
slsim image create dev.img
slsim image info dev.img
slsim image info dev.img --json
slsim image check dev.img
slsim image check --json dev.img
slsim image create big.img --profile CC3235S --size 2M --development
slsim image info big.img
wc -c < big.img
