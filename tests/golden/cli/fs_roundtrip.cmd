# put / ls / stat / get / rm round trip, in text, JSON and CSV.
slsim image create dev.img
printf 'hello, device\n' > hello.txt
printf 'not really a key\n' > key.der
slsim fs put dev.img hello.txt /hello.txt
slsim fs put dev.img key.der /cert/key.der --secure --no-signature --vendor-token=0x1234abcd --failsafe
slsim fs put dev.img hello.txt /fs/fail,safe.txt --failsafe --max-size 10K
printf 'hi\n' | slsim fs put dev.img - /stdin.txt
slsim fs ls dev.img
slsim fs ls dev.img --json
slsim fs ls dev.img --format=csv
slsim fs stat dev.img /hello.txt
slsim fs stat dev.img /cert/key.der
slsim fs stat dev.img /CERT/KEY.DER --json
slsim fs get dev.img /cert/key.der
slsim fs get dev.img /hello.txt out.txt
cmp hello.txt out.txt
slsim fs put dev.img key.der /hello.txt
slsim fs get dev.img /hello.txt -
slsim fs rm dev.img /hello.txt
slsim fs ls dev.img
slsim image check dev.img
