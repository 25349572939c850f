# kubectl's help is the exam's documentation: every command answers -h/--help offline with
# kubectl 1.32's own text, its examples included.
kubectl create deployment -h | head -n 20
# -h may come last, after the arguments already typed: the help is for the command they name,
# and nothing is created.
kubectl create deploy web --image=nginx --replicas=2 -h | head -n 3
kubectl get deployments
# The examples are ready to copy: take the one with three replicas and add a port.
kubectl create deployment -h | grep -e '--replicas=3'
kubectl create deployment my-dep --image=nginx --replicas=3 --port=80
lab step 30s
kubectl get deployment my-dep
# `kubectl help <command>` is the same text, for nested commands too.
kubectl help create secret generic | grep -A 2 'Examples:'
kubectl run --help | grep -e '--dry-run=client'
kubectl rollout status --help | head -n 1
# An unknown subcommand falls back to its parent's help; an unknown command is an error, with suggestions.
kubectl rollout nosuch -h | head -n 1
kubectl gett pods
echo "exit: $?"
kubectl help nosuch 2>&1 | head -n 4
# kubectl alone lists the commands; kubectl options lists the flags every command takes.
kubectl | head -n 9
kubectl options | grep -A 1 -e '--namespace='
kubectl options | grep -e '--cache-dir'
