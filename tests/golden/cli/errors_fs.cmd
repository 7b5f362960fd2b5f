# Operation errors: exit 1 with the device's SL code; nothing half-done is left behind.
slsim image create dev.img
printf 'hello\n' > hello.txt
slsim fs get dev.img /nope.txt
slsim fs rm dev.img /nope.txt
slsim fs stat dev.img /nope.txt
slsim fs put dev.img hello.txt "/$(printf 'a%.0s' $(seq 179))"
slsim fs put dev.img hello.txt ""
slsim fs put dev.img hello.txt /cert/signed.der --secure
head -c 300 /dev/zero > 300.bin
slsim fs put dev.img 300.bin /small.bin --max-size 256
slsim fs put dev.img hello.txt /small.bin --max-size 256
slsim fs put dev.img 300.bin /small.bin
slsim fs put dev.img hello.txt /small.bin --failsafe
slsim fs ls dev.img
# damage the stored content of a file: check and get report it, other files stay readable
printf 'PLAIN-MARKER-0123456789\n' > plain.txt
slsim fs put dev.img plain.txt /plain.txt
printf 'X' | dd of=dev.img bs=1 conv=notrunc seek=$(grep -a -b -o PLAIN-MARKER-0123456789 dev.img | cut -d: -f1) 2>/dev/null
slsim image check dev.img
slsim image check dev.img --json
slsim fs get dev.img /plain.txt
slsim fs get dev.img /small.bin
