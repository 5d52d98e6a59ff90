define showk
  set $k = 0
  while $k < $arg0
    set $k = $k + 1
    if $k == 2
      loop_continue
    end
    printf "n=%d k=%d\n", $arg0, $k
  end
end
define setbp
  break $arg0
  commands
    silent
    if n == 3
      printf "three\n"
    else
      showk n
      if n == 1
        bt 1
      end
    end
    continue
  end
end
setbp fact
run
print $k
