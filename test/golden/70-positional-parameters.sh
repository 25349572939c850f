# Positional parameters: a script sees its name as $0 and its arguments as $1…, ${10}, $# and "$@".
cat > greet.sh <<'SCRIPT'
#!/bin/bash
echo "$0 was given $# arguments; the first is ${1:-missing}, the tenth ${10:-missing}"
# "$@" keeps each argument one word; "$*" joins them with a space (IFS's first character).
for arg in "$@"; do echo "\"\$@\" word: [$arg]"; done
for arg in "$*"; do echo "\"\$*\" word: [$arg]"; done
# shift drops the first argument, shift N the first N.
shift
echo "after shift: $# left: $*"
shift 2
echo "after shift 2: $# left: $*"
# set -- replaces them all.
set -- one two three
echo "after set --: $# ($1 $2 $3)"
SCRIPT
bash greet.sh 'hello world' b c d
sh greet.sh x y z
# With none, "$@" is no word at all but "$*" is one empty word; shift past the end just fails.
bash greet.sh
chmod +x greet.sh
./greet.sh 1 2 3 4 5 6 7 8 9 10
# At the prompt there are no arguments; $0 is the shell itself.
echo "$0 $#"
# bash -c takes the name for $0 and the arguments after the command string.
bash -c 'echo "$0: $1 and $2"' me first second
# A kubectl plugin gets the words after its name as its arguments, and its path as $0.
mkdir -p ~/bin
export PATH=$PATH:$HOME/bin
cat > ~/bin/kubectl-hello <<'SCRIPT'
#!/bin/bash
echo "$(basename $0) got $# arguments"
for arg in "$@"; do echo "  [$arg]"; done
SCRIPT
chmod +x ~/bin/kubectl-hello
kubectl hello world 'and you' --loud -n x
kubectl hello
