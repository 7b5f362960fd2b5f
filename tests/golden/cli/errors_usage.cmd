# Usage errors: exit 2, the synopsis, a 'try' line and suggestions for typos.
slsim imgae info dev.img
slsim fs lst dev.img
slsim image craete dev.img
slsim fs
slsim --verison
slsim -x
slsim fs put dev.img hello.txt /x --secur
slsim fs put dev.img hello.txt
slsim fs get dev.img /a out extra
slsim fs ls dev.img --json=yes
slsim fs ls dev.img --format
slsim fs ls dev.img --format=xml
slsim fs ls dev.img --json --format=csv
slsim image create dev.img --size 1000
slsim image create dev.img --size 64M
slsim image create dev.img --size 1.5M
slsim image create dev.img --profile cc3221s
slsim image create dev.img --profile esp32
slsim fs put dev.img hello.txt /x --public-read
slsim fs put dev.img hello.txt /x --secure --vendor-token 12345678901
slsim fs put dev.img hello.txt /x --max-size 0
slsim fs rm dev.img /x --token=0xZZ
slsim help exit
slsim help imag
slsim help fs lst
slsim image info -- --json
