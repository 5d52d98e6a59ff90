# gdb's block parsing, hooks and user subcommands of a built-in prefix (gdb.base/define.exp)
define ifnospace
if(3<4)
echo if without a space\n
end
end
ifnospace
define whilenospace
set $i=1
while($i<3)
set $i=$i+1
echo while without a space\n
end
end
whilenospace
define breakmain
break main
command
echo in main\n
end
end
breakmain
info break
define user-bt
echo user-bt ran\n
end
define hook-echo
printf "pre\n"
end
define hookpost-echo
printf "post\n"
end
echo the echo itself\n
define target testsuite
printf "hello\n"
end
document target testsuite
A test target.
end
target testsuite
show user target testsuite
define target hook-testsuite
printf "one\n"
end
define target hookpost-testsuite
printf "two\n"
end
target testsuite
define do-define
define do-printit
echo here\n
end
end
do-define
do-printit
run
end
