# Big lists and one Pod's Events: the API server answers lists from its watch cache, and finds
# the Events about one object through an index on involvedObject.name, as kube-apiserver does.
kubectl create deployment web --image=nginx:1.27 --replicas=12
kubectl create deployment db --image=redis:7.2 --replicas=3
lab step 30s
kubectl get pods -l app=db -o name | wc -l
kubectl get pods --no-headers | wc -l
# describe asks for the Events whose involvedObject is this Pod (kind, name, namespace, uid).
POD=$(kubectl get pods -l app=db -o jsonpath='{.items[0].metadata.name}')
kubectl describe pod $POD | sed -n '/^Events:/,$p' | awk '{print $1, $2, $4}'
# The same field selector by hand: only this Pod's Events, none of the other 14 Pods'.
kubectl get events --field-selector involvedObject.name=$POD -o jsonpath='{range .items[*]}{.reason}{"\n"}{end}' | sort | uniq -c
kubectl get events --field-selector involvedObject.name=$POD,involvedObject.kind=Node
kubectl get events --field-selector involvedObject.name!=$POD -o name | wc -l | awk '{print ($1 > 0) ? "other events exist" : "none"}'
# Delete the Pod: kubelet's Killing Event joins the list, and the Events outlive the Pod (one-hour TTL).
kubectl delete pod $POD
lab step 30s
kubectl get events --field-selector involvedObject.name=$POD -o jsonpath='{range .items[*]}{.reason}{"\n"}{end}' | sort | uniq -c
# An unsupported field is refused by the server, indexed or not.
kubectl get events --field-selector involvedObject.color=red
