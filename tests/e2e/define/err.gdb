define bad
  echo before\n
  print 1/0
  echo after\n
end
define outer
  bad
  echo outer-after\n
end
define loopbad
  set $n = 0
  while 1
    set $n = $n + 1
    if $n == 3
      bad
    end
  end
end
define rec
  rec
end
define two
  echo one\n
  echo $arg1\n
end
