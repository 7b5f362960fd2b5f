# Usage and environment errors of 'slsim mqtt' (no broker needed): exit 2, the usage line and a
# 'try' line; an unreadable device configuration is exit 3.
slsim mqtt
slsim mqtt publish
slsim mqtt pub --host h --topic t -m x
slsim mqtt pub --device d.json --topic t -m x
slsim mqtt pub --device d.json --host h -m x
slsim mqtt pub --device d.json --host h --topic t
slsim mqtt pub --device d.json --host h --topic t -m x -l
slsim mqtt pub --device d.json --host h --topic t -m x --qos 2
slsim mqtt pub --device d.json --host h --topic t -m x --port 0
slsim mqtt pub --device d.json --host h --topic t -m x --count 0
slsim mqtt pub --device d.json --host h --topic t -m x --domain h
slsim mqtt pub --device d.json --host h --topic t -m x --acept-warnings
slsim mqtt pub --device d.json --host h --topic t -m x extra
slsim mqtt pub --device d.json --host h --topic t -m x
slsim mqtt sub --device d.json --host h
slsim mqtt sub --device d.json --host h --topic t --timeout 0
slsim mqtt sub --device d.json --host h --topic a --topic b --topic c --topic d --topic e --topic f --topic g --topic h --topic i
