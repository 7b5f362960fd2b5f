# Environment errors: exit 3, with the SL name and number.
slsim image info missing.img
slsim fs ls missing.img
head -c 1048576 /dev/zero > zeros.img
slsim fs ls zeros.img
head -c 1048576 /dev/zero | tr '\000' '\377' > erased.img
slsim image info erased.img
head -c 1000 /dev/zero > short.img
slsim image check short.img
slsim image create dev.img
slsim image create dev.img
(flock -n 9 && slsim fs ls dev.img) 9<dev.img
printf 'x\n' > x.txt
slsim fs put dev.img no-such-file.txt /x.txt
slsim fs put dev.img x.txt /x.txt
slsim fs get dev.img /x.txt no/such/dir/out.txt
slsim image create no/such/dir/dev.img
