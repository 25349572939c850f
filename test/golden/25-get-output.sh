# Shaping `kubectl get` output: JSONPath, custom columns, go templates, sorting, label columns,
# watching changes, `kubectl events`, and describing the objects behind them.
kubectl create deployment web --image=nginx:1.25 --replicas=3
kubectl expose deployment web --port=80
kubectl apply -f nginx-pod.yaml
lab step 30s
# JSONPath on a list applies to the List: .items[*] walks every Pod.
kubectl get pods -o jsonpath='{.items[*].metadata.name}'
echo
kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.spec.nodeName}{"\n"}{end}'
# On a single name it applies to the object itself; filters pick list elements.
kubectl get pod nginx-pod -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'
echo
# Custom columns: a header and a JSONPath per column, <none> where nothing matches.
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,OWNER:.metadata.ownerReferences[0].kind
# Go templates, for loops and conditionals.
kubectl get pods -o go-template='{{range .items}}{{.metadata.name}} {{if .metadata.ownerReferences}}owned{{else}}bare{{end}}{{"\n"}}{{end}}'
# Sort rows by any field, and show labels as columns.
kubectl get pods --sort-by=.spec.nodeName -L app
kubectl get deploy,svc --show-kind
# Watch a rollout: the table first, then a row per change (--request-timeout ends the watch).
kubectl set image deployment/web nginx=nginx:1.27
kubectl get pods -l app=web --watch --request-timeout=20s
lab step 30s
kubectl get pods -l app=web -o wide
# Events, oldest first, for one object or by type.
kubectl events --for deployment/web
kubectl events --types=Warning
# Describe what was built.
kubectl describe deployment web
kubectl describe service web
