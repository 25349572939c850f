# The exam habits: pipe kubectl output through the text tools, reach Services from the
# workstation and the nodes, run long commands in the background, and edit objects.
kubectl create deployment web --image=nginx --replicas=2 --port=80
kubectl expose deployment web --type=NodePort --port=80
lab step 30s
# Names only: skip the header with awk, or cut the first column, or ask jq for them.
kubectl get pods --no-headers | awk '{print $1, $3}'
kubectl get pods | awk 'NR>1 {print $1}' | cut -d- -f1 | sort | uniq -c
kubectl get pods -o json | jq -r '.items[] | select(.status.phase == "Running") | .metadata.name' | wc -l
kubectl get deploy web -o json | jq -c '{name: .metadata.name, replicas: .spec.replicas, image: .spec.template.spec.containers[0].image}'
kubectl get nodes -o json | jq '.items | length'
kubectl get svc web -o json | jq '.spec.ports[0].port, .spec.type'
kubectl get nodes --no-headers | awk '$2 == "Ready" {n++} END {print n " nodes ready"}'
kubectl get pods -o wide --no-headers | awk '{print $7}' | sort -u | tr a-z A-Z
echo '{"a":1' | jq .
echo "jq status $?"
# The Service from outside the cluster: a NodePort on any node's address answers.
NODE_PORT=$(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}')
CLUSTER_IP=$(kubectl get svc web -o jsonpath='{.spec.clusterIP}')
curl -s http://node01:$NODE_PORT/ | grep -i title
nc -zv node02 $NODE_PORT 2>&1 | sed "s/$NODE_PORT/NODEPORT/"
# The ClusterIP is only routed on the nodes, where kube-proxy's rules are.
ssh node01 curl -s $CLUSTER_IP | grep -i title
curl http://localhost:8080/
curl -k https://controlplane:6443/
# Background jobs: start one, list it, stop it.
sleep 300 &
jobs
kill %1
jobs
wait
echo "back in the foreground"
# No workspace editor in a plain terminal: vim and kubectl edit say so.
vim notes.txt
kubectl edit deployment web
kubectl get deployment web -o jsonpath='{.spec.replicas}{"\n"}'
