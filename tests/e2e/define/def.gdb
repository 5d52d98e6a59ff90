# user commands with arguments
define adder
  if $argc == 2
    print $arg0 + $arg1
  else
    if $argc == 3
      print $arg0 + $arg1 + $arg2
    else
      echo adder wants 2 or 3 numbers\n
    end
  end
end
document adder
Add two or three numbers.
  Usage: adder A B [C]
end
adder 1 2
adder 1 2 3
adder 7
help adder
# textual substitution: fact 5 calls fact 5-1, so $r * $arg0 is $r * 5-1
define fact
  if $arg0 <= 1
    set $r = 1
  else
    fact $arg0-1
    set $r = $r * $arg0
  end
end
fact 5
print $r
fact 1
print $r
# nested loops with loop_break and loop_continue
set $i = 0
while $i < 6
  set $i = $i + 1
  if $i == 2
    loop_continue
  end
  set $j = 0
  while 1
    set $j = $j + 1
    if $j > $i
      loop_break
    end
    if $j % 2
      loop_continue
    end
    printf "i=%d j=%d\n", $i, $j
  end
  if $i == 5
    loop_break
  end
end
print $i
define echoargs
  echo [$arg0][$arg1] $argc\n
end
echoargs "a b" c\ d
echoargs 'x y' z
define-prefix mypre
define mypre sub
  echo sub $argc\n
end
document mypre sub
A subcommand.
end
mypre sub a b
help mypre
define e3
end
e3
show user
define adder
  echo redefined\n
end
adder 1 2
show user adder
source inner.gdb
print $inner
define print
  echo my print\n
end
print 1
