# kubectl proxy passes every method on, serves discovery, and filters exec and attach.
kubectl apply -f nginx-pod.yaml
lab step 30s
kubectl proxy &
sleep 1
curl -s localhost:8001/api
curl -s localhost:8001/apis | jq -r '.groups[].name' | head -3
curl -s localhost:8001/api/v1 | jq -c '.kind, (.resources[] | select(.name == "pods" or .name == "pods/log") | [.name, .singularName, .kind, .verbs])'
curl -s localhost:8001/apis/apps/v1 | jq -r '.groupVersion, (.resources | length)'
curl -s localhost:8001/readyz; echo
# Create, patch and delete through the proxy.
curl -s -X POST -H 'Content-Type: application/json' -d '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"mode":"a"}}' localhost:8001/api/v1/namespaces/default/configmaps | jq -c '[.metadata.name, .data]'
curl -s -X PATCH -H 'Content-Type: application/merge-patch+json' -d '{"data":{"mode":"b"}}' localhost:8001/api/v1/namespaces/default/configmaps/settings | jq -c .data
kubectl get configmap settings -o jsonpath='{.data.mode}{"\n"}'
curl -s -d 'mode=c' localhost:8001/api/v1/namespaces/default/configmaps | jq -r '.code, .reason'
curl -s -X DELETE localhost:8001/api/v1/namespaces/default/pods/nginx-pod | jq -r '.kind + " " + .metadata.name'
kubectl get pods
# The default --reject-paths: exec and attach are Forbidden.
curl -si -X POST 'localhost:8001/api/v1/namespaces/default/pods/nginx-pod/exec?command=ls' | head -1
curl -s 'localhost:8001/api/v1/namespaces/default/pods/nginx-pod/attach'
kill %1
