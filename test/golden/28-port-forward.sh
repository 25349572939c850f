# Reaching the cluster from the workstation: kubectl port-forward and kubectl proxy, with the
# shell habits that go with them (jobs, timeout, process substitution, diff).
kubectl create deployment web --image=nginx:1.25 --replicas=2 --port=80
kubectl expose deployment web --port=8080 --target-port=80
lab step 30s
# port-forward runs until stopped: start it as a background job, then use it from this host.
kubectl port-forward svc/web 8080:8080 &
sleep 1
curl -s localhost:8080 | grep title
wget -qO- http://127.0.0.1:8080/ | head -4
nc -zv localhost 8080
jobs
# Another port-forward cannot take a port that is in use.
kubectl port-forward deploy/web 8080:80
kill %1
sleep 1
# The port is closed again once the job is gone.
curl localhost:8080
# Forwarding to a port nothing listens on in the Pod breaks the connection on first use.
kubectl port-forward deploy/web 9090:9090 >/dev/null &
sleep 1
curl -s localhost:9090; echo "curl: $?"
sleep 1
jobs
# kubectl proxy serves the API on localhost:8001 with the kubeconfig's credentials.
kubectl proxy &
sleep 1
curl -s localhost:8001/healthz
curl -s localhost:8001/version | grep gitVersion
curl -s localhost:8001/apis/apps/v1/namespaces/default/deployments/web | jq '.status.readyReplicas'
curl -s localhost:8001/api/v1/namespaces/default/pods | jq -r '.items[].metadata.name'
curl -s localhost:8001/api/v1/namespaces/default/pods/nope
kill %1
# timeout ends a command after some lab time (status 124).
timeout 5 kubectl get pods -w
echo "timeout status: $?"
# Process substitution compares the output of two commands without temporary files.
kubectl run a --image=nginx:1.25
kubectl run b --image=nginx:1.27
diff <(kubectl get pod a -o jsonpath='{.spec.containers[0].image}{"\n"}') <(kubectl get pod b -o jsonpath='{.spec.containers[0].image}{"\n"}')
diff -u <(kubectl get pod a -o yaml | grep image:) <(kubectl get pod b -o yaml | grep image:) | tail -n +3
# Loading kubectl's completion script straight from its output.
source <(kubectl completion bash); echo "sourced: $?"
