set $inner = 0
while $inner < 3
  set $inner = $inner + 1
end
