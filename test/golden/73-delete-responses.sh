# What a DELETE answers: a Status naming the object for most kinds, the object itself for the
# registries with ReturnDeletedObject (Pods, Services, Namespaces …), the object marked for
# deletion while finalizers hold it, and the list for a collection.
kubectl create configmap settings --from-literal=mode=a
kubectl create deployment web --image=nginx --replicas=0
kubectl create serviceaccount robot
kubectl proxy &
sleep 1
curl -si -X DELETE localhost:8001/api/v1/namespaces/default/configmaps/settings | head -1
kubectl create configmap settings --from-literal=mode=a
curl -s -X DELETE localhost:8001/api/v1/namespaces/default/configmaps/settings | jq -c 'del(.details.uid), (.details.uid | length)'
curl -s -X DELETE localhost:8001/apis/apps/v1/namespaces/default/deployments/web | jq -c '.details | del(.uid)'
curl -s -X DELETE localhost:8001/api/v1/namespaces/default/serviceaccounts/robot | jq -c '[.kind, .metadata.name]'
# Held by a finalizer: the object, with its deletionTimestamp; 202 only for orphanDependents=false.
kubectl create configmap held
kubectl patch configmap held -p '{"metadata":{"finalizers":["example.com/hold"]}}'
curl -s -X DELETE localhost:8001/api/v1/namespaces/default/configmaps/held | jq -c '[.kind, .metadata.name, (.metadata.deletionTimestamp | length > 0), .metadata.deletionGracePeriodSeconds]'
curl -si -X DELETE -H 'Content-Type: application/json' -d '{"orphanDependents":false}' localhost:8001/api/v1/namespaces/default/configmaps/held | head -1
curl -s -X DELETE -H 'Content-Type: application/json' -d '{"orphanDependents":false,"propagationPolicy":"Orphan"}' localhost:8001/api/v1/namespaces/default/configmaps/held | jq -r '.code, .message'
kubectl patch configmap held --type=merge -p '{"metadata":{"finalizers":null}}'
kubectl get configmap held
# deletecollection: the list of what was deleted, as it was listed.
kubectl create configmap a
kubectl create configmap b
kubectl label configmap a b tier=demo
curl -s -X DELETE 'localhost:8001/api/v1/namespaces/default/configmaps?labelSelector=tier%3Ddemo' | jq -c '[.kind, .apiVersion, [.items[].metadata.name]]'
kubectl get configmaps -l tier=demo
kill %1
# kubectl prints its own line, whatever the answer; --raw prints the answer.
kubectl create configmap c
kubectl delete configmap c
kubectl create configmap d
kubectl delete --raw /api/v1/namespaces/default/configmaps/d | jq -c '.kind, .status, .details.name'
